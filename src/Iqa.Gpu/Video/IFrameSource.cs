namespace Iqa.Gpu.Video;

/// <summary>
/// A sequential reader of video frames. Typical use:
/// <code>
/// var frame = new VideoFrame();
/// while (source.ReadFrame(frame)) { ... }
/// if (source.Truncation is { } problem) { /* report N complete frames and problem; fail */ }
/// </code>
/// Malformed input raises <see cref="IqaException"/> naming the input; a stream that merely stops
/// part-way through a frame ends with <see cref="Truncation"/> set, and that partial frame is never returned.
/// </summary>
public interface IFrameSource : IDisposable
{
    /// <summary>The input as named to the user (its path).</summary>
    string Name { get; }

    VideoInfo Info { get; }

    /// <summary>
    /// Reads the next complete frame into <paramref name="frame"/>, reusing its buffers.
    /// Returns false at the end of the stream, whether clean or truncated (see <see cref="Truncation"/>).
    /// </summary>
    bool ReadFrame(VideoFrame frame);

    /// <summary>Complete frames returned so far.</summary>
    long FramesRead { get; }

    /// <summary>
    /// Null while reading and after a clean end; after a stream that stopped part-way through a frame, one line
    /// saying so, e.g. "clip.y4m: last frame truncated (frame 13 of the file: 1000 of 3110400 bytes)".
    /// </summary>
    string? Truncation { get; }
}
