using Iqa.Gpu.Images;
using Iqa.Gpu.Kernels;
using Iqa.Gpu.Metrics.Niqe;
using Xunit.Abstractions;

namespace Iqa.Gpu.Tests.Niqe;

/// <summary>
/// What a GPU compiler's contraction would do to the MSCN window sum, simulated on the host: μ summed with every
/// product fused into the addition (<c>fma(v, w, μ)</c>, as ptxas may emit for ILGPU's <c>mul.f64</c> +
/// <c>add.f64</c>) against the reference order with rounded products. On ramps the sign of I − μ changes at
/// some pixels, which is why the kernel must not rely on the compiler; every such pixel lies below
/// <see cref="NiqeMath.ResidueBound"/>, where the kernel recomputes μ with <see cref="RoundedProduct"/>.
/// </summary>
public class ContractionTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("flats-and-ramps")]
    [InlineData("synthetic/astronaut_blur2.png")]
    public void Contraction_flips_only_signs_below_the_residue_bound(string name)
    {
        Plane gray = name == "flats-and-ramps" ? SyntheticImages.FlatsAndRamps(389, 301, 5) : NiqeReferenceData.Gray(name);
        double[] window = MscnWindow.Window2D;
        int w = gray.Width, h = gray.Height, flipped = 0;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                double reference = 0, contracted = 0;
                for (int dy = -3; dy <= 3; dy++)
                    for (int dx = -3; dx <= 3; dx++)
                    {
                        double v = gray.Data[Math.Clamp(y + dy, 0, h - 1) * w + Math.Clamp(x + dx, 0, w - 1)];
                        double wt = window[(dy + 3) * 7 + dx + 3];
                        reference += v * wt;
                        contracted = Math.FusedMultiplyAdd(v, wt, contracted);
                    }
                double pixel = gray.Data[y * w + x];
                if (Math.Sign(pixel - reference) == Math.Sign(pixel - contracted))
                    continue;
                flipped++;
                Assert.True(Math.Abs(pixel - contracted) <= (Math.Abs(pixel) + 1) * NiqeMath.ResidueBound,
                    $"({x}, {y}): I - mu {pixel - contracted:R} contracted vs {pixel - reference:R}");
            }
        output.WriteLine($"{name}: contraction changes the sign of I - mu at {flipped} pixels");
        Assert.True(flipped > 0);
    }
}
