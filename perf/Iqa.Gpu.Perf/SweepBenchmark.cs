using System.Diagnostics;
using Iqa.Gpu.Sweeps.Statistics;

namespace Iqa.Gpu.Perf;

/// <summary>
/// Sweep statistics on a KADID-10k-sized set (10,125 items, 25 distortion types), milliseconds per bootstrap
/// resample of SRCC + KRCC + PLCC + RMSE over all items: the bootstrap's path (ranks computed once, resamples ranked
/// by counting, resamples in parallel) against the baseline in the same run, the public statistics called on each
/// materialized resample one after another. Then the whole analysis of one metric (fit, raw and fitted statistics in
/// total and per type, 1000 resamples each).
/// </summary>
public static class SweepBenchmark
{
    public static void Run(TextWriter output)
    {
        var items = Items(25, 405);
        double[] x = items.Select(i => i.Score).ToArray(), y = items.Select(i => i.Subjective).ToArray();
        output.WriteLine($"sweep statistics: {items.Count} items, 25 types, {Environment.ProcessorCount} cores");
        var settings = new BootstrapSettings(200, 1);
        double baseline = PerResample(() =>
        {
            foreach (int[] indices in Bootstrap.Resamples(x.Length, settings))
            {
                double[] rx = indices.Select(i => x[i]).ToArray(), ry = indices.Select(i => y[i]).ToArray();
                Correlations.Spearman(rx, ry);
                Correlations.Kendall(rx, ry);
                Correlations.Pearson(rx, ry);
                Correlations.Rmse(rx, ry);
            }
        }, settings.Resamples);
        double fast = PerResample(() => Agreement.Of(x, y, settings), settings.Resamples);
        output.WriteLine($"  per resample: {fast,7:F2} ms bootstrap path, {baseline,7:F2} ms baseline (statistics on each resample), " +
                         $"{baseline / fast:F1}x");
        var clock = Stopwatch.StartNew();
        var result = AgreementAnalysis.Analyze("synthetic", items, new BootstrapSettings(1000, 1));
        output.WriteLine($"  one metric, 1000 resamples, raw + fitted, total + 25 types: {clock.Elapsed.TotalSeconds:F2} s " +
                         $"(SRCC {result.Raw.Srcc.Statistic}, fitted PLCC {result.Fitted?.Plcc.Statistic}, " +
                         $"fit iterations {result.Fit.Iterations})");
    }

    private static double PerResample(Action run, int resamples)
    {
        var clock = Stopwatch.StartNew();
        run();
        return clock.Elapsed.TotalMilliseconds / resamples;
    }

    private static List<ScoredItem> Items(int types, int perType)
    {
        var rng = new Xoshiro256StarStar(7);
        double Uniform() => (rng.Next() >> 11) * (1.0 / (1UL << 53));
        var items = new List<ScoredItem>(types * perType);
        for (int t = 0; t < types; t++)
            for (int k = 0; k < perType; k++)
            {
                double s = Math.Round(0.5 + 0.5 * Uniform(), 4);
                double mos = 1 + 4 / (1 + Math.Exp(-10 * (s - 0.75 - 0.01 * t))) + 0.3 * (Uniform() - 0.5);
                items.Add(new ScoredItem($"I{k % 81:D2}_{t + 1:D2}_{k / 81 + 1:D2}_{k}", s, mos, $"type {t + 1}"));
            }
        return items;
    }
}
