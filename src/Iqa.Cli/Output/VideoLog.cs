using Iqa.Gpu;
using Iqa.Gpu.Scoring;

namespace Iqa.Cli.Output;

/// <summary>The per-frame log of <c>iqa video --log</c>: JSON (frames and pooled statistics) or CSV (one row per frame).</summary>
public static class VideoLog
{
    /// <exception cref="IqaException">The file can't be written.</exception>
    public static void Write(string path, VideoResult result)
    {
        try
        {
            using var file = new StreamWriter(path);
            if (Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase))
                CsvFormatter.VideoFrames(file, result);
            else
                file.WriteLine(JsonFormatter.Video(result, frames: true, indented: true));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IqaException($"cannot write the log {path}: {e.Message}", e);
        }
    }
}
