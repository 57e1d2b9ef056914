using System.Text.Json;
using Iqa.Gpu.Images;

namespace Iqa.Gpu.Video;

/// <summary>
/// Reads any container and codec ffmpeg decodes: ffprobe names the first video stream's pixel format, then
/// ffmpeg decodes that stream to a YUV4MPEG2 pipe (every decoded frame once, no rate conversion) which
/// <see cref="Y4mReader"/> parses. ffmpeg 5.1 or newer must be on PATH.
/// </summary>
public sealed class FfmpegFrameSource : IFrameSource
{
    private readonly ToolProcess _ffmpeg;
    private readonly Y4mReader _reader;

    private FfmpegFrameSource(ToolProcess ffmpeg, Y4mReader reader)
    {
        _ffmpeg = ffmpeg;
        _reader = reader;
    }

    /// <exception cref="IqaException">The file is missing, ffmpeg or ffprobe is not installed, or they cannot read it.</exception>
    public static FfmpegFrameSource Open(string path, long maxPixels = ImageDecoder.DefaultMaxPixels) =>
        Open(path, maxPixels, "ffmpeg", "ffprobe");

    /// <summary>Opens with the tools at the given paths or names (tests point these at missing tools).</summary>
    internal static FfmpegFrameSource Open(string path, long maxPixels, string ffmpeg, string ffprobe)
    {
        if (!File.Exists(path))
            throw new IqaException($"{path}: file not found");
        // "file:" keeps a name with a colon from being taken for a protocol.
        string input = "file:" + Path.GetFullPath(path);
        string pixelFormat = FfmpegPixelFormat.Choose(Probe(path, input, ffprobe));
        var process = ToolProcess.Start(ffmpeg,
        [
            "-v", "error", "-nostdin", "-i", input,
            "-map", "0:v:0", "-fps_mode", "passthrough",
            // Conversion happens only for layouts Y4M cannot carry; make it the same on every CPU.
            "-sws_flags", "bicubic+accurate_rnd+full_chroma_int+bitexact",
            "-pix_fmt", pixelFormat, "-f", "yuv4mpegpipe", "-strict", "-1", "-",
        ], path);
        Y4mReader? reader;
        try
        {
            reader = Y4mReader.TryFromStream(new BufferedStream(process.Output, StreamFrameSource.BufferSize), path, maxPixels);
        }
        catch
        {
            process.Dispose();
            throw;
        }
        if (reader is null)
        {
            // No output at all: ffmpeg gave up before the first frame, and its own message says why.
            using (process)
                throw Failure(process, path) ?? new IqaException($"{path}: ffmpeg decoded no video frames");
        }
        return new FfmpegFrameSource(process, reader);
    }

    public string Name => _reader.Name;
    public VideoInfo Info => _reader.Info;
    public long FramesRead => _reader.FramesRead;
    public string? Truncation => _reader.Truncation;

    /// <exception cref="IqaException">ffmpeg stopped with an error (its message is included).</exception>
    public bool ReadFrame(VideoFrame frame)
    {
        if (_reader.ReadFrame(frame))
            return true;
        if (Failure(_ffmpeg, Name) is { } failure)
            throw failure;
        return false;
    }

    public void Dispose()
    {
        // Kill first: ffmpeg may be blocked writing frames nobody will read.
        _ffmpeg.Dispose();
        _reader.Dispose();
    }

    /// <summary>The error to report when ffmpeg exited non-zero; null when it succeeded.</summary>
    private static IqaException? Failure(ToolProcess ffmpeg, string path)
    {
        int code = ffmpeg.WaitForExit();
        return code == 0 ? null : new IqaException($"ffmpeg cannot read {path} (exit code {code}): {ffmpeg.StderrTail}");
    }

    private static FfmpegPixelFormat.Descriptor Probe(string path, string input, string ffprobe)
    {
        string json;
        using (var probe = ToolProcess.Start(ffprobe,
            [
                "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=pix_fmt",
                "-show_pixel_formats", "-of", "json", input,
            ], path))
        {
            json = probe.ReadOutputText();
            int code = probe.WaitForExit();
            if (code != 0)
                throw new IqaException($"ffprobe cannot read {path} (exit code {code}): {probe.StderrTail}");
        }
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var streams = root.TryGetProperty("streams", out var s) ? s.EnumerateArray().ToList() : [];
        if (streams.Count == 0 || !streams[0].TryGetProperty("pix_fmt", out var name))
            throw new IqaException($"{path}: no decodable video stream");
        string pixelFormat = name.GetString()!;
        var format = root.TryGetProperty("pixel_formats", out var formats)
            ? formats.EnumerateArray().FirstOrDefault(f => f.GetProperty("name").GetString() == pixelFormat)
            : default;
        if (format.ValueKind != JsonValueKind.Object)
            throw new IqaException($"{path}: ffprobe does not describe the stream's pixel format '{pixelFormat}'");
        return FfmpegPixelFormat.Descriptor.FromJson(format);
    }
}
