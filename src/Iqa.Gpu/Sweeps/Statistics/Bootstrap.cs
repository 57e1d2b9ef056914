namespace Iqa.Gpu.Sweeps.Statistics;

/// <summary>
/// Seeded nonparametric bootstrap with percentile intervals (Efron and Tibshirani 1993, ch. 13).
/// <para>Resampling, reproducible across runs and machines: a <see cref="Xoshiro256StarStar"/> started at the seed
/// draws, resample after resample, n indices in [0, n) with <see cref="Xoshiro256StarStar.Below"/>; resample k is the
/// k-th block of n draws. The sequence depends only on (seed, n), so every metric scored on the same items sees the
/// same resamples (paired comparisons) and the order in which metrics or groups are processed does not matter.</para>
/// <para>Interval: the statistic on each resample; resamples where it is undefined (a constant resample) are
/// dropped; the bounds are the (1 - level)/2 and (1 + level)/2 quantiles of the rest with numpy.percentile's default
/// linear interpolation (<c>_lerp</c> in numpy/lib/function_base.py, 1.24). Undefined when fewer than half the
/// resamples are defined.</para>
/// </summary>
public static class Bootstrap
{
    /// <summary>The resamples' index sets, in order.</summary>
    public static IEnumerable<int[]> Resamples(int count, BootstrapSettings settings)
    {
        var rng = new Xoshiro256StarStar(settings.Seed);
        for (int b = 0; b < settings.Resamples; b++)
        {
            var indices = new int[count];
            for (int i = 0; i < count; i++)
                indices[i] = rng.Below(count);
            yield return indices;
        }
    }

    /// <summary>
    /// Intervals of several statistics of <paramref name="count"/> items over the same resamples:
    /// <paramref name="statistics"/> maps one resample's indices to the statistics' values. Resamples are drawn in
    /// order, in blocks, and each block's statistics computed in parallel; values are kept by resample number, so
    /// the intervals do not depend on the number of threads.
    /// </summary>
    public static ConfidenceInterval?[] Intervals(int count, Func<int[], StatisticValue[]> statistics, BootstrapSettings settings)
    {
        var results = new StatisticValue[settings.Resamples][];
        if (count > 0)
        {
            using var resamples = Resamples(count, settings).GetEnumerator();
            var block = new int[BlockSize][];
            for (int first = 0; first < settings.Resamples; first += BlockSize)
            {
                int size = Math.Min(BlockSize, settings.Resamples - first);
                for (int b = 0; b < size; b++)
                {
                    resamples.MoveNext();
                    block[b] = resamples.Current;
                }
                int offset = first;
                Parallel.For(0, size, b => results[offset + b] = statistics(block[b]));
            }
        }
        int width = results.Length > 0 && results[0] != null ? results[0].Length : 0;
        return Enumerable.Range(0, width).Select(j =>
            Interval(results.Where(r => r != null && r[j].IsDefined).Select(r => r[j].Value!.Value).ToList(), settings)).ToArray();
    }

    private const int BlockSize = 64;

    private static ConfidenceInterval? Interval(List<double> values, BootstrapSettings settings)
    {
        if (values.Count == 0 || values.Count < BootstrapSettings.MinimumDefinedFraction * settings.Resamples)
            return null;
        values.Sort();
        double tail = (1 - settings.Level) / 2;
        return new ConfidenceInterval(Percentile(values, 100 * tail), Percentile(values, 100 * (1 - tail)), values.Count);
    }

    /// <summary>numpy.percentile(sorted, q), method 'linear'.</summary>
    internal static double Percentile(List<double> sorted, double q)
    {
        double rank = q / 100 * (sorted.Count - 1);
        int below = (int)Math.Floor(rank);
        int above = Math.Min(below + 1, sorted.Count - 1);
        double t = rank - below, a = sorted[below], b = sorted[above];
        // _lerp: a + (b - a) t, computed from the upper end when t >= 0.5.
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }
}
