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
        root.Subcommands.Add(NiqeFitCommand.Create());
        root.Subcommands.Add(VideoCommand.Create());
        root.Subcommands.Add(MetricsCommand.Create());
        root.Subcommands.Add(DevicesCommand.Create());
        root.Subcommands.Add(SynthCommand.Create());
        return root;
    }

    public static int Run(string[] args, TextWriter output, TextWriter error) =>
        BuildRoot().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
}
