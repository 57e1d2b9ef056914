namespace Iqa.Gpu.Scoring;

/// <summary>
/// Per-metric pooling of per-frame scores. Min, max, mean and harmonic mean follow libvmaf
/// (<c>vmaf_score_pooled</c>): harmonic mean = n / sum(1 / (x + 1)) - 1, which stays defined at 0.
/// Percentiles interpolate linearly between the closest ranks (numpy's default): the p-th percentile of sorted
/// values v[0..n-1] is v[k] + (r - k)(v[k+1] - v[k]) with r = p/100 (n - 1), k = floor(r).
/// Infinite frames (PSNR of identical frames) make the mean and max infinite; the harmonic mean counts them as
/// 1 / (inf + 1) = 0, as libvmaf does.
/// </summary>
public sealed record PooledStatistics(double Min, double Max, double Mean, double HarmonicMean, double Percentile1, double Percentile5)
{
    public static PooledStatistics Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
            throw new ArgumentException("no values to pool", nameof(values));
        double sum = 0, inverseSum = 0;
        foreach (double v in values)
        {
            sum += v;
            inverseSum += 1.0 / (v + 1.0);
        }
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return new PooledStatistics(sorted[0], sorted[^1], sum / values.Count, values.Count / inverseSum - 1.0,
            Percentile(sorted, 1), Percentile(sorted, 5));
    }

    /// <summary>Linear interpolation between closest ranks of ascending <paramref name="sorted"/>.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        double rank = percent / 100 * (sorted.Count - 1);
        int low = (int)Math.Floor(rank);
        int high = Math.Min(low + 1, sorted.Count - 1);
        double a = sorted[low], b = sorted[high];
        // Equal neighbours (both infinite included, where b - a would be NaN) need no interpolation.
        return a == b ? a : a + (rank - low) * (b - a);
    }

    /// <summary>The statistics' names in outputs, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["min", "max", "mean", "harmonic_mean", "p1", "p5"];

    /// <summary>The statistics by the names outputs use, in output order.</summary>
    public IEnumerable<KeyValuePair<string, double>> Named()
    {
        double[] values = [Min, Max, Mean, HarmonicMean, Percentile1, Percentile5];
        for (int i = 0; i < values.Length; i++)
            yield return new(Names[i], values[i]);
    }
}
