using System.Diagnostics;
using Iqa.Gpu.Sweeps.Statistics;

namespace Iqa.Gpu.Perf;

/// <summary>
/// Seconds for one metric's sweep statistics on a KADID-10k-sized set (10,125 items, 25 distortion types):
/// the logistic fit, raw and fitted SRCC / KRCC / PLCC / RMSE with 1000 bootstrap resamples, in total and per
/// type; and, as the baseline in the same run, the same statistics without the bootstrap.
/// </summary>
public static class SweepBenchmark
{
    public static void Run(TextWriter output)
    {
        var items = Items(25, 405);
        output.WriteLine($"sweep statistics: {items.Count} items, 25 types, {Environment.ProcessorCount} cores");
        foreach (int resamples in new[] { 0, 1000 })
        {
            var settings = new BootstrapSettings(resamples, 1);
            var clock = Stopwatch.StartNew();
            var result = AgreementAnalysis.Analyze("synthetic", items, settings);
            output.WriteLine($"  {resamples,4} resamples: {clock.Elapsed.TotalSeconds,7:F2} s  (SRCC {result.Raw.Srcc.Statistic}, " +
                             $"fitted PLCC {result.Fitted?.Plcc.Statistic}, fit iterations {result.Fit.Iterations})");
        }
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
