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

    /// <summary>
    /// The error contract: a non-zero exit code, nothing on stdout, exactly one line on stderr starting <c>iqa: </c>,
    /// no stack trace, and the line mentions each of <paramref name="mentions"/>.
    /// </summary>
    public static void AssertCleanFailure(Result r, params string[] mentions)
    {
        Assert.NotEqual(0, r.ExitCode);
        Assert.Equal("", r.Output);
        var lines = r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("iqa: ", lines[0]);
        Assert.DoesNotContain(" at ", lines[0].Replace("iqa: ", ""), StringComparison.Ordinal);
        foreach (var m in mentions)
            Assert.Contains(m, lines[0]);
    }
}
