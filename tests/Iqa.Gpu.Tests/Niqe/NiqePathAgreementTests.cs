using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics.Niqe;

namespace Iqa.Gpu.Tests.Niqe;

/// <summary>
/// The vectorized path against the scalar oracle, feature by feature. The shape α is chosen from a grid, so
/// it must be identical; the other features differ only by rounding (separable filter, lane-wise sums). That
/// rounding is about 1e-14 in absolute terms in I − μ, which is relatively large where MSCN values are small
/// (smooth areas), and η = (β_r − β_l)·Γ(2/α)/Γ(1/α) cancels further, so features are compared relative to
/// the block's β scale; measured deviations are below 1e-11.
/// </summary>
public class NiqePathAgreementTests(Xunit.Abstractions.ITestOutputHelper output)
{
    public static TheoryData<string> Images() => new()
    {
        "synthetic/coffee_jpeg20.png", "synthetic/astronaut_blur2.png", "flats-and-ramps", "texture",
    };

    private static Plane Load(string name) => name switch
    {
        "flats-and-ramps" => SyntheticImages.FlatsAndRamps(389, 301, 5),
        "texture" => SyntheticImages.Texture(300, 200, 6),
        _ => NiqeReferenceData.Gray(name),
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void Vectorized_features_match_the_scalar_oracle(string name)
    {
        var gray = Load(name);
        var fast = NiqeCalculator.Vectorized.ExtractFeatures(gray);
        var slow = NiqeCalculator.Scalar.ExtractFeatures(gray);
        Assert.Equal(slow.BlockCount, fast.BlockCount);
        int[] alphaColumns = [0, 2, 6, 10, 14, 18, 20, 24, 28, 32];
        double worst = 0;
        for (int b = 0; b < slow.BlockCount; b++)
        {
            // σ = sqrt(|E[I²] − μ²|) cancels about four digits on 0..255 data.
            Assert.Equal(slow.BlockSharpness(b), fast.BlockSharpness(b), 1e-10 * slow.BlockSharpness(b));
            var s = slow.Block(b).ToArray();
            var f = fast.Block(b).ToArray();
            for (int k = 0; k < NiqeFeatures.PerBlock; k++)
            {
                if (alphaColumns.Contains(k) || double.IsNaN(s[k]))
                {
                    Assert.Equal(s[k], f[k]);
                    continue;
                }
                // Scale: the largest β of the same AGGD fit (column k's group of features).
                int first = k < 18 ? (k < 2 ? 0 : 2 + (k - 2) / 4 * 4) : (k < 20 ? 18 : 20 + (k - 20) / 4 * 4);
                double scale = Enumerable.Range(first + 1, first % 18 == 0 ? 1 : 3).Max(i => Math.Abs(s[i]));
                double deviation = Math.Abs(f[k] - s[k]) / scale;
                worst = Math.Max(worst, deviation);
                Assert.True(deviation <= 1e-10, $"block {b} feature {k}: {f[k]:R} vs {s[k]:R}");
            }
        }
        output.WriteLine($"{name}: largest deviation {worst:E2} of the fit's β scale");
    }
}
