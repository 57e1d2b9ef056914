using Iqa.Cli;

namespace Iqa.Gpu.Tests.Cli;

/// <summary>Runs the iqa command tree in process with captured output.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = IqaApp.Run(args, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }
}
