using System.CommandLine;
using Iqa.Cli.Output;
using Iqa.Gpu.Metrics;

namespace Iqa.Cli.Commands;

/// <summary><c>iqa metrics</c>: the registered metrics and their options, read from the registry.</summary>
public static class MetricsCommand
{
    public static Command Create()
    {
        var command = new Command("metrics", "List the registered metrics");
        CommandRunner.SetAction(command, (_, output, _) =>
        {
            var rows = MetricRegistry.All.Select(m => new[]
            {
                m.Name, m.KindName, m.Direction, m.Range, string.Join(",", m.RunsOn), m.Description,
            }).Prepend(["name", "kind", "better", "range", "backends", "description"]).ToList();
            TextTable.Write(output, rows);
            var options = MetricRegistry.All.SelectMany(m => m.Options.Select(o => (m, o))).ToList();
            if (options.Count > 0)
            {
                output.WriteLine();
                output.WriteLine("options (--set METRIC.NAME=VALUE):");
                foreach (var (m, o) in options)
                    output.WriteLine($"  {m.Name}.{o.Name} = {o.ValuesText} (default {o.DefaultText}): {o.Description}");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
