using System.Diagnostics;

namespace Iqa.Gpu.Tests.Package;

/// <summary>
/// Runs a program with its output in a file, not a pipe: the package build starts .NET build servers that outlive
/// it and would hold a pipe open, so a reader would wait for them.
/// </summary>
public static class ShellCommand
{
    public sealed record Result(int ExitCode, string Output);

    public static Result Run(string logFile, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] command)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        foreach (string argument in (string[])["-c", "exec \"$@\" >\"$IQA_TEST_LOG\" 2>&1", "bash", .. command])
            start.ArgumentList.Add(argument);
        start.Environment["IQA_TEST_LOG"] = logFile;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{string.Join(' ', command)} did not finish in {timeout}: {File.ReadAllText(logFile)}");
        }
        return new Result(process.ExitCode, File.ReadAllText(logFile));
    }
}
