namespace Iqa.Gpu.Bench;

/// <summary>
/// How long each mode of a measurement repeats. A warm-up pass first computes every frame pair once, end to end (its
/// scores are the ones checked for agreement); then each mode repeats until it has run at least
/// <see cref="MinRepetitions"/> times and for at least <see cref="MinSeconds"/>, or <see cref="MaxRepetitions"/> times.
/// A device that simulates GPU threads (ilgpu-cpu), or any pass whose frame took longer than <see cref="MinSeconds"/>,
/// is measured once per frame pair and mode, the warm-up pass serving as the end-to-end measurement; the simulator
/// also skips frames larger than <see cref="SimulatorMaxPixels"/>.
/// </summary>
public sealed record BenchTiming
{
    public double MinSeconds { get; init; } = 1.0;

    public int MinRepetitions { get; init; } = 5;

    public int MaxRepetitions { get; init; } = 100_000;

    /// <summary>640 x 480: the largest frame measured on ilgpu-cpu, whose simulated threads take seconds per 1080p frame.</summary>
    public long SimulatorMaxPixels { get; init; } = 640 * 480;
}
