using System.ComponentModel;
using System.Diagnostics;

namespace Iqa.Gpu.Video;

/// <summary>
/// A running external tool (ffmpeg, ffprobe). Its stdin is closed and its stderr drained in the background,
/// so it can neither wait for input nor block on a full stderr pipe; disposing kills it if it still runs.
/// </summary>
internal sealed class ToolProcess : IDisposable
{
    private const int TailLines = 4;

    private readonly Process _process;
    private readonly Queue<string> _stderrTail = new();

    private ToolProcess(Process process) => _process = process;

    /// <summary>Starts <paramref name="tool"/>; <paramref name="input"/> names the file it is for in errors.</summary>
    public static ToolProcess Start(string tool, IEnumerable<string> arguments, string input)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
            info.ArgumentList.Add(argument);
        var process = new Process { StartInfo = info };
        var started = new ToolProcess(process);
        process.ErrorDataReceived += (_, e) => started.AddStderrLine(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new IqaException(e.NativeErrorCode == 2 // ENOENT: not on PATH
                ? $"{tool} not found: install it (e.g. apt-get install ffmpeg) to read {input}"
                : $"cannot start {tool} to read {input}: {e.Message}", e);
        }
        process.StandardInput.Close();
        process.BeginErrorReadLine();
        return started;
    }

    public Stream Output => _process.StandardOutput.BaseStream;

    public string ReadOutputText() => _process.StandardOutput.ReadToEnd();

    /// <summary>Waits for the tool to finish (stderr included) and returns its exit code.</summary>
    public int WaitForExit()
    {
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>The tool's last stderr lines joined on one line, or "no error output".</summary>
    public string StderrTail
    {
        get
        {
            lock (_stderrTail)
                return _stderrTail.Count == 0 ? "no error output" : string.Join(" | ", _stderrTail);
        }
    }

    private void AddStderrLine(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
            return;
        lock (_stderrTail)
        {
            _stderrTail.Enqueue(line.Trim());
            if (_stderrTail.Count > TailLines)
                _stderrTail.Dequeue();
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        _process.Dispose();
    }
}
