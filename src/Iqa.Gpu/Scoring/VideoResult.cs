namespace Iqa.Gpu.Scoring;

/// <summary>One input of a video comparison as outputs describe it.</summary>
/// <param name="Frames">Complete frames read after the skip (and within the frame limit), scored or not.</param>
/// <param name="Truncation">The input's truncation message, or null after a clean end.</param>
public sealed record VideoInputSummary(string Path, string Description, long Skip, long Frames, string? Truncation);

/// <summary>The scores of one frame pair; <paramref name="FrameNum"/> counts scored frames from 0 (libvmaf's frameNum).</summary>
public sealed record FrameScores(long FrameNum, IReadOnlyDictionary<string, double> Scores);

/// <summary>Per-frame and pooled scores of a video pair, with what produced them.</summary>
public sealed record VideoResult(
    VideoInputSummary Reference,
    VideoInputSummary Distorted,
    Provenance Provenance,
    IReadOnlyList<string> ScoreNames,
    IReadOnlyList<FrameScores> Frames,
    IReadOnlyList<KeyValuePair<string, PooledStatistics>> Pooled,
    double Seconds)
{
    /// <summary>When the inputs have different numbers of frames (after skips), one line saying so; else null.</summary>
    public string? FrameCountDifference =>
        Reference.Frames == Distorted.Frames
            ? null
            : $"frame counts differ: {Reference.Path} has {Reference.Frames}, {Distorted.Path} has {Distorted.Frames}; " +
              $"scored the {Frames.Count} common frames";

    /// <summary>The inputs' truncation messages (none after clean ends).</summary>
    public IEnumerable<string> Truncations =>
        new[] { Reference.Truncation, Distorted.Truncation }.OfType<string>();

    public double FramesPerSecond => Seconds > 0 ? Frames.Count / Seconds : 0;
}
