namespace Iqa.Gpu.Video;

/// <summary>
/// Aligns two inputs: skips the first frames of a source and stops after a number of frames.
/// Skipped frames are read and discarded (through the caller's frame, so nothing is allocated).
/// </summary>
public sealed class FrameWindow : IFrameSource
{
    private readonly IFrameSource _inner;
    private readonly long _skip;
    private readonly long? _limit;
    private bool _skipped;

    /// <param name="inner">Owned: disposed with the window.</param>
    /// <param name="skip">Frames to drop first; more than the input has is an error.</param>
    /// <param name="limit">Most frames to return, or null for all.</param>
    public FrameWindow(IFrameSource inner, long skip = 0, long? limit = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        if (limit is { } l)
            ArgumentOutOfRangeException.ThrowIfNegative(l, nameof(limit));
        _inner = inner;
        _skip = skip;
        _limit = limit;
        long? remaining = inner.Info.FrameCount is { } count ? Math.Max(0, count - skip) : null;
        Info = inner.Info with { FrameCount = remaining is { } r && limit is { } max ? Math.Min(r, max) : remaining };
    }

    public string Name => _inner.Name;
    public VideoInfo Info { get; }
    public long FramesRead { get; private set; }

    /// <summary>The input's truncation, when it falls inside the window; it numbers frames from the file's start.</summary>
    public string? Truncation => _inner.Truncation;

    /// <exception cref="IqaException">The input has fewer complete frames than are to be skipped.</exception>
    public bool ReadFrame(VideoFrame frame)
    {
        if (!_skipped)
        {
            for (long i = 0; i < _skip; i++)
                if (!_inner.ReadFrame(frame))
                    throw new IqaException($"{Name}: cannot skip {_skip} frames, it has only {i} complete frames");
            _skipped = true;
        }
        if (FramesRead == _limit || !_inner.ReadFrame(frame))
            return false;
        FramesRead++;
        return true;
    }

    public void Dispose() => _inner.Dispose();
}
