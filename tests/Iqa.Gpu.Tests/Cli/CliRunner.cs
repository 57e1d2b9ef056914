using System.Diagnostics;
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
    /// Runs the built <c>iqa</c> in a child process: its stderr is the real file descriptor 2, where native code
    /// (libvips, GLib) writes too, unlike the captured writer of <see cref="Run"/>.
    /// </summary>
    public static Result RunProcess(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "iqa.dll"));
        foreach (string a in args)
            start.ArgumentList.Add(a);
        using var child = Process.Start(start)!;
        var error = child.StandardError.ReadToEndAsync();
        string output = child.StandardOutput.ReadToEnd();
        if (!child.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            child.Kill(entireProcessTree: true);
            throw new TimeoutException($"iqa {string.Join(' ', args)} did not finish within 2 minutes");
        }
        return new Result(child.ExitCode, output, error.Result);
    }
}
