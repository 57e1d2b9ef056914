using Iqa.Gpu.Metrics.Niqe;

namespace Iqa.Gpu.Tests.Niqe;

/// <summary>
/// Feature-by-feature comparison of two NIQE feature sets against an oracle. The shape α is chosen from a grid,
/// so it must be identical, as must the NaN pattern; the other features differ only by rounding. That rounding is
/// about 1e-14 in absolute terms in I − μ, which is relatively large where MSCN values are small (smooth areas),
/// and η = (β_r − β_l)·Γ(2/α)/Γ(1/α) cancels further, so features are compared relative to the block's β scale.
/// </summary>
public static class NiqeFeatureComparison
{
    private static readonly int[] AlphaColumns = [0, 2, 6, 10, 14, 18, 20, 24, 28, 32];

    /// <summary>Asserts the agreement and returns the largest deviation relative to the fit's β scale.</summary>
    public static double AssertAgree(NiqeFeatures oracle, NiqeFeatures actual, double tolerance)
    {
        Assert.Equal(oracle.BlockCount, actual.BlockCount);
        double worst = 0;
        for (int b = 0; b < oracle.BlockCount; b++)
        {
            // σ = sqrt(|E[I²] − μ²|) cancels about four digits on 0..255 data, and nearly all of them where σ is
            // tiny (a lone bump in a flat area); it is compared on the scale of σ + 1, as MSCN divides by it.
            double sharpness = oracle.BlockSharpness(b), sharpnessDeviation = Math.Abs(actual.BlockSharpness(b) - sharpness);
            Assert.True(sharpnessDeviation <= tolerance * (sharpness + 1),
                $"block {b} sharpness: {actual.BlockSharpness(b):R} vs {sharpness:R}");
            var s = oracle.Block(b).ToArray();
            var f = actual.Block(b).ToArray();
            for (int k = 0; k < NiqeFeatures.PerBlock; k++)
            {
                if (AlphaColumns.Contains(k) || double.IsNaN(s[k]))
                {
                    Assert.Equal(s[k], f[k]);
                    continue;
                }
                // Scale: the largest β of the same AGGD fit (column k's group of features).
                int first = k < 18 ? (k < 2 ? 0 : 2 + (k - 2) / 4 * 4) : (k < 20 ? 18 : 20 + (k - 20) / 4 * 4);
                double scale = Enumerable.Range(first + 1, first % 18 == 0 ? 1 : 3).Max(i => Math.Abs(s[i]));
                double deviation = Math.Abs(f[k] - s[k]) / scale;
                worst = Math.Max(worst, deviation);
                Assert.True(deviation <= tolerance, $"block {b} feature {k}: {f[k]:R} vs {s[k]:R}");
            }
        }
        return worst;
    }
}
