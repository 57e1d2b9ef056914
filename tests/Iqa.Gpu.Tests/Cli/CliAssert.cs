namespace Iqa.Gpu.Tests.Cli;

/// <summary>The error contract: a failure is one line on stderr starting "iqa: ", nothing on stdout, no stack trace.</summary>
public static class CliAssert
{
    /// <summary>Asserts a clean failure whose line mentions every one of <paramref name="mentions"/>.</summary>
    public static void CleanFailure(CliRunner.Result r, params string[] mentions)
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
