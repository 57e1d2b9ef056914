using Iqa.Gpu.Video;

namespace Iqa.Gpu.Scoring;

/// <summary>
/// A reference and a distorted video, each opened through a <see cref="FrameWindow"/> (skip and frame limit),
/// checked to be comparable: same frame size, same bit depth unless a data range is given, and the same chroma
/// layout when chroma planes are scored. Owns both sources.
/// </summary>
public sealed class VideoPair : IDisposable
{
    public VideoPair(FrameWindow reference, long referenceSkip, FrameWindow distorted, long distortedSkip,
        VideoPlanes planes, double? dataRange)
    {
        Reference = reference;
        Distorted = distorted;
        ReferenceSkip = referenceSkip;
        DistortedSkip = distortedSkip;
        try
        {
            Check(planes, dataRange);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Opens both inputs (raw formats are used by .yuv inputs only), disposing what was opened on failure.</summary>
    public static VideoPair Open(string reference, RawVideoFormat? referenceRaw, long referenceSkip,
        string distorted, RawVideoFormat? distortedRaw, long distortedSkip,
        long? frames, VideoPlanes planes, double? dataRange, long maxPixels)
    {
        var refWindow = new FrameWindow(VideoSource.Open(reference, referenceRaw, maxPixels), referenceSkip, frames);
        FrameWindow distWindow;
        try
        {
            distWindow = new FrameWindow(VideoSource.Open(distorted, distortedRaw, maxPixels), distortedSkip, frames);
        }
        catch
        {
            refWindow.Dispose();
            throw;
        }
        return new VideoPair(refWindow, referenceSkip, distWindow, distortedSkip, planes, dataRange);
    }

    public FrameWindow Reference { get; }
    public FrameWindow Distorted { get; }
    public long ReferenceSkip { get; }
    public long DistortedSkip { get; }

    /// <summary>Frames that will be scored when both inputs say how many they have (raw files), else null.</summary>
    public long? ExpectedFrames =>
        Reference.Info.FrameCount is { } r && Distorted.Info.FrameCount is { } d ? Math.Min(r, d) : null;

    private void Check(VideoPlanes planes, double? dataRange)
    {
        VideoInfo r = Reference.Info, d = Distorted.Info;
        string where = $"differs from the reference {Reference.Name}";
        if (r.Width != d.Width || r.Height != d.Height)
            throw new IqaException($"{Distorted.Name}: frame size {d.Width}x{d.Height} {where} ({r.Width}x{r.Height})");
        if (r.BitDepth != d.BitDepth && dataRange is null)
            throw new IqaException(
                $"{Distorted.Name}: {d.BitDepth}-bit {where} ({r.BitDepth}-bit); give --data-range to compare them");
        if (planes == VideoPlanes.Yuv)
        {
            foreach (var source in new[] { Reference, Distorted })
                if (source.Info.Subsampling == ChromaSubsampling.Mono)
                    throw new IqaException($"{source.Name}: gray video has no U and V planes to score (--planes y)");
            if (r.Subsampling != d.Subsampling)
                throw new IqaException(
                    $"{Distorted.Name}: chroma {d.Subsampling.Name()} {where} ({r.Subsampling.Name()}); --planes y scores luma only");
        }
    }

    public void Dispose()
    {
        Reference.Dispose();
        Distorted.Dispose();
    }
}
