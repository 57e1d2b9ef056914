namespace Iqa.Gpu.Sweeps.Statistics;

/// <summary>How the bootstrap resamples: count (0: no intervals), seed, coverage.</summary>
public sealed record BootstrapSettings
{
    /// <summary>Fewer defined resamples than this fraction of <see cref="Resamples"/> leave the interval undefined.</summary>
    public const double MinimumDefinedFraction = 0.5;

    public BootstrapSettings(int resamples = 1000, ulong seed = 0, double level = 0.95)
    {
        if (resamples < 0)
            throw new IqaException($"bootstrap resamples {resamples}: must be 0 (no intervals) or more");
        if (!(level > 0 && level < 1))
            throw new IqaException($"confidence level {level}: must be between 0 and 1 (0.95 for 95 %)");
        Resamples = resamples;
        Seed = seed;
        Level = level;
    }

    public int Resamples { get; }

    public ulong Seed { get; }

    public double Level { get; }
}
