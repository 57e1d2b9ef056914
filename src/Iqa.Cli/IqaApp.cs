using System.CommandLine;
using Iqa.Cli.Commands;

namespace Iqa.Cli;

/// <summary>The <c>iqa</c> command tree. Output goes to the writers given, so tests capture it.</summary>
public static class IqaApp
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("iqa: image quality metrics (SSIM, PSNR, ...) with reference-exact numbers on CPUs and GPUs");
        root.Subcommands.Add(ScoreCommand.Create());
        root.Subcommands.Add(BatchCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(NiqeFitCommand.Create());
        root.Subcommands.Add(VideoCommand.Create());
        root.Subcommands.Add(SlicCommand.Create());
        root.Subcommands.Add(MetricsCommand.Create());
        root.Subcommands.Add(DevicesCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(SynthCommand.Create());
        return root;
    }

    /// <summary>
    /// Parses and runs. A usage error (unknown option, bad value, missing argument) is one line on stderr and exit
    /// code 1: the help text goes to stdout only when asked for (<c>--help</c>), never into a redirected result.
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var parse = BuildRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            string command = string.Join(' ', CommandPath(parse.CommandResult.Command));
            error.WriteLine($"iqa: {parse.Errors[0].Message.TrimEnd('.')} (see '{command} --help')");
            return ExitCodes.Usage;
        }
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    private static IEnumerable<string> CommandPath(Command command)
    {
        var names = new List<string>();
        for (var c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
            names.Insert(0, c is RootCommand ? "iqa" : c.Name);
        return names;
    }
}
