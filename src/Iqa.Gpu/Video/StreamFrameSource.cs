namespace Iqa.Gpu.Video;

/// <summary>
/// Frames stored back to back in a stream, each optionally preceded by a header (Y4M's FRAME line).
/// Samples are read straight into the caller's frame with large reads: no per-frame allocation.
/// </summary>
public abstract class StreamFrameSource : IFrameSource
{
    /// <summary>Large enough that sequential reads run at disk or pipe speed.</summary>
    internal const int BufferSize = 1 << 20;

    private bool _ended;

    private protected StreamFrameSource(Stream stream, string name)
    {
        Stream = stream;
        Name = name;
    }

    public string Name { get; }
    public abstract VideoInfo Info { get; }
    public long FramesRead { get; private set; }
    public string? Truncation { get; private set; }

    private protected Stream Stream { get; }

    /// <summary>True when every frame starts with a header, so a header without samples is a truncated frame.</summary>
    private protected abstract bool FramesHaveHeaders { get; }

    /// <summary>Consumes what precedes the next frame's samples. False at a clean end of the stream.</summary>
    private protected abstract bool BeginFrame();

    public bool ReadFrame(VideoFrame frame)
    {
        if (_ended)
            return false;
        if (!BeginFrame())
        {
            _ended = true;
            return false;
        }
        frame.Reshape(Info);
        long read = frame.ReadFrom(Stream);
        if (read == frame.ByteCount)
        {
            FramesRead++;
            return true;
        }
        _ended = true;
        if (read > 0 || FramesHaveHeaders)
            MarkTruncated($"{read} of {frame.ByteCount} bytes");
        return false;
    }

    /// <summary>Ends the stream as truncated; <paramref name="detail"/> says what was missing.</summary>
    private protected void MarkTruncated(string detail)
    {
        _ended = true;
        Truncation = $"{Name}: last frame truncated (frame {FramesRead + 1} of the file: {detail})";
    }

    public void Dispose()
    {
        Stream.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens a file for one sequential pass, turning access problems into a user-facing error.</summary>
    private protected static FileStream OpenFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new IqaException($"{path}: file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IqaException($"{path}: cannot read file ({e.Message})", e);
        }
    }

    private protected static void CheckPixels(string name, int width, int height, long maxPixels)
    {
        long pixels = (long)width * height;
        if (pixels > maxPixels)
            throw new IqaException($"{name}: {width}x{height} = {pixels} pixels exceeds the limit of {maxPixels}");
    }
}
