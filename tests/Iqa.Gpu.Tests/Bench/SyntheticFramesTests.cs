using Iqa.Gpu.Bench;
using Iqa.Gpu.Images;

namespace Iqa.Gpu.Tests.Bench;

/// <summary>The bench's generated frames: deterministic, frame-like, and distorted by a measurable amount.</summary>
public sealed class SyntheticFramesTests
{
    [Fact]
    public void Pairs_are_deterministic_and_each_distortion_is_mild_and_different()
    {
        var psnrs = new List<double>();
        for (int i = 0; i < 3; i++)
        {
            var (reference, distorted) = SyntheticFrames.Pair(96, 64, i);
            var (again, againDistorted) = SyntheticFrames.Pair(96, 64, i);
            Assert.Equal(reference.Bytes, again.Bytes);
            Assert.Equal(distorted.Bytes, againDistorted.Bytes);
            Assert.Equal((96, 64, 3), (distorted.Width, distorted.Height, distorted.Bands));
            psnrs.Add(Psnr(reference, distorted));
        }
        Assert.All(psnrs, p => Assert.InRange(p, 22, 45)); // visible but moderate: noise, blur, blocking
        Assert.Equal(3, psnrs.Distinct().Count());
        Assert.NotEqual(SyntheticFrames.Pair(96, 64, 0).Reference.Bytes, SyntheticFrames.Pair(96, 64, 1).Reference.Bytes); // the scene moves
    }

    /// <summary>
    /// The samples equal the per-sample formula the perf benchmarks' figures were measured with (waves computed per
    /// sample, not tabulated), so their content did not change when the generator moved.
    /// </summary>
    [Fact]
    public void Rgb_samples_follow_the_per_sample_formula()
    {
        const int w = 40, h = 24, seed = 5, shift = 9;
        const double noise = 4;
        var rng = new Random(seed);
        var expected = new byte[w * h * 3];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int c = 0; c < 3; c++)
                {
                    int sx = x + shift + 11 * c;
                    double v = 110 + 70 * Math.Sin(sx / 37.0) * Math.Cos(y / 23.0) + ((sx / 64 + y / 64) % 2 == 0 ? 20 : -20)
                               + noise * (rng.NextDouble() + rng.NextDouble() - 1);
                    expected[(y * w + x) * 3 + c] = (byte)Math.Clamp(Math.Round(v), 0, 255);
                }
        Assert.Equal(expected, SyntheticFrames.Rgb(w, h, seed, noise, shift));
    }

    private static double Psnr(DecodedImage a, DecodedImage b)
    {
        double sse = 0;
        for (int i = 0; i < a.Bytes!.Length; i++)
            sse += (a.Bytes[i] - b.Bytes![i]) * (double)(a.Bytes[i] - b.Bytes[i]);
        return 10 * Math.Log10(255.0 * 255 * a.Bytes.Length / sse);
    }
}
