using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Metrics.Ssim;

namespace Iqa.Gpu.Tests.Metrics;

/// <summary>
/// The cpu device's 2x2 box downsampling (MS-SSIM's step between scales; vectors of 64 bytes or 16 floats where the CPU
/// has AVX-512) gives, bit for bit, msssim.m's box mean with the last row and column mirrored on odd sizes: on 8-bit
/// samples the exact integer sum normalized once, on floats the two column sums then their sum in double, times 1/4.
/// The widths leave vector tails and an odd last column.
/// </summary>
public sealed class BoxHalvingTests : IDisposable
{
    private readonly CpuDevice _device = new();

    private ISsimOperations Ssim => ISsimOperations.On(_device);

    public void Dispose() => _device.Dispose();

    private const double Scale = 1 / 255.0, Offset = -MetricInput.Offset;

    [Theory]
    [InlineData(133, 41)]
    [InlineData(150, 30)]
    public void EightBitSamplesGiveTheExactBoxMean(int w, int h)
    {
        byte[] samples = TestImages.Pattern(w, h, 1, seed: 31, noise: 80);
        var image = new DecodedImage(w, h, 1, samples);
        using var half = Ssim.BoxDownsample(new CpuPlane(image.Rows(ColorMode.Gray, Scale, Offset)[0]), 2);
        var data = CpuPlane.Of(half).Data;
        for (int oy = 0; oy < (h + 1) / 2; oy++)
            for (int ox = 0; ox < (w + 1) / 2; ox++)
            {
                var (y0, y1) = Box(oy, h);
                var (x0, x1) = Box(ox, w);
                int sum = samples[y0 * w + x0] + samples[y0 * w + x1] + samples[y1 * w + x0] + samples[y1 * w + x1];
                Assert.Equal((float)(sum / 4.0 * Scale + Offset), data[oy * ((w + 1) / 2) + ox]);
            }
    }

    [Theory]
    [InlineData(133, 41)]
    [InlineData(150, 30)]
    public void StoredFloatsGiveTheBoxMeanOfTheColumnSums(int w, int h)
    {
        var rng = new Random(32);
        float[] values = [.. Enumerable.Range(0, w * h).Select(_ => (float)(rng.NextDouble() - 0.5))];
        using var half = Ssim.BoxDownsample(new CpuPlane(w, h, values), 2);
        var data = CpuPlane.Of(half).Data;
        for (int oy = 0; oy < (h + 1) / 2; oy++)
            for (int ox = 0; ox < (w + 1) / 2; ox++)
            {
                var (y0, y1) = Box(oy, h);
                var (x0, x1) = Box(ox, w);
                double left = (double)values[y0 * w + x0] + values[y1 * w + x0], right = (double)values[y0 * w + x1] + values[y1 * w + x1];
                Assert.Equal((float)((left + right) / 4), data[oy * ((w + 1) / 2) + ox]);
            }
    }

    /// <summary>The two source indices of output <paramref name="o"/>, the second mirrored past the end (symmetric padding).</summary>
    private static (int First, int Second) Box(int o, int n) => (2 * o, Math.Min(2 * o + 1, n - 1));
}
