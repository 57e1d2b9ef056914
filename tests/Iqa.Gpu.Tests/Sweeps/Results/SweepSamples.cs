using Iqa.Gpu.Sweeps.Statistics;

namespace Iqa.Gpu.Tests.Sweeps.Results;

/// <summary>Synthetic scored items for the results tests: a saturating relation per type, with seeded noise.</summary>
internal static class SweepSamples
{
    public static List<ScoredItem> Items(int types, int perType, int seed = 1)
    {
        var rng = new Xoshiro256StarStar((ulong)seed);
        double Uniform() => (rng.Next() >> 11) * (1.0 / (1UL << 53));
        var items = new List<ScoredItem>();
        for (int t = 0; t < types; t++)
            for (int k = 0; k < perType; k++)
            {
                double s = 20 + 25 * Uniform();
                double mos = 1 + 4 / (1 + Math.Exp(-0.3 * (s - 30 - t % 5))) + 0.4 * (Uniform() - 0.5);
                items.Add(new ScoredItem($"I{t:D2}_{k:D3}", s, mos, $"type {t + 1}"));
            }
        return items;
    }
}
