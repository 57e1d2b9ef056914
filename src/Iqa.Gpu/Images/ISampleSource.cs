namespace Iqa.Gpu.Images;

/// <summary>
/// The samples of one input as stored: a decoded image (<see cref="DecodedImage"/>, interleaved gray or RGB) or one
/// plane of a video frame (<see cref="Video.VideoPlane"/>). Metrics never see it directly: <see cref="Metrics.MetricInput"/>
/// prepares what each metric reads from it.
/// </summary>
public interface ISampleSource
{
    int Width { get; }
    int Height { get; }

    /// <summary>1 (gray, or a single video plane) or 3 (RGB).</summary>
    int ColorBands { get; }

    /// <summary>The largest sample value the bit depth allows: the default data range (255, 1023, 65535).</summary>
    double MaxValue { get; }

    /// <summary>
    /// Float planes for <paramref name="mode"/> (a single plane for gray and video sources), each value computed in
    /// double as <c>converted * scale + offset</c> and rounded to float once.
    /// </summary>
    Plane[] ToPlanes(ColorMode mode, double scale, double offset);

    /// <summary>
    /// The planes of <paramref name="mode"/> as integers at the source's bit depth (a video plane as stored).
    /// </summary>
    /// <exception cref="IqaException">The mode's values are not integers (<c>y</c> is not rounded).</exception>
    IntegerPlane[] ToIntegerPlanes(ColorMode mode);

    /// <summary>The planes of <see cref="ToPlanes"/>, read a row at a time (the same values, bit for bit), not stored.</summary>
    PlaneRows[] Rows(ColorMode mode, double scale, double offset);
}
