using System.CommandLine;
using Iqa.Gpu.Backends;

namespace Iqa.Cli.Commands;

/// <summary><c>iqa devices</c>: every device found, with its backend, memory, and whether it is usable and why not.</summary>
public static class DevicesCommand
{
    public static Command Create()
    {
        var command = new Command("devices", "List compute devices and whether each is usable");
        CommandRunner.SetAction(command, (_, output, _) =>
        {
            var rows = BackendFactory.ListDevices().Select(d => new[]
            {
                d.Backend, d.Name, d.MemoryBytes > 0 ? $"{d.MemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB" : "-",
                d.Usable ? "yes" : "no", d.Reason ?? "",
            }).Prepend(["backend", "device", "memory", "usable", "reason"]).ToList();
            TextTable.Write(output, rows);
            return ExitCodes.Success;
        });
        return command;
    }
}
