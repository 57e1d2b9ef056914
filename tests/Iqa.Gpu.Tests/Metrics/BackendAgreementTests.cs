using Iqa.Gpu.Metrics.Psnr;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Metrics.Ssim;
using Iqa.Gpu.Scoring;

namespace Iqa.Gpu.Tests.Metrics;

/// <summary>
/// The same inputs on every backend: identity is exactly 1 / inf, backends agree with the vectorized CPU path
/// (SSIM 1e-5, PSNR 1e-4 dB), and the float32 backends agree with the double-precision scalar oracle.
/// Odd sizes exercise the vector tails and the row reductions.
/// </summary>
public sealed class BackendAgreementTests(BackendPool pool) : IClassFixture<BackendPool>
{
    private IReadOnlyDictionary<string, double> Score(string backend, DecodedImage a, DecodedImage b, ColorMode color, Downsample downsample)
    {
        using var scorer = new Scorer(pool.Get(backend), [SsimMetric.Info, PsnrMetric.Info],
            new ScoreSettings("test", color, downsample, null));
        return scorer.Compute("ref", a, "dist", b);
    }

    /// <summary>MATLAB: imfilter(magic-like 3x3, ones(2)/4, 'symmetric', 'same') then (1:2:end, 1:2:end), by hand.</summary>
    [Fact]
    public void BoxDownsampleOracleFollowsImfilterCentringAndSymmetricPadding()
    {
        double[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        Assert.Equal([3, 4.5, 7.5, 9], ScalarSsim.BoxDownsample(x, 3, 3, 2, out int w, out int h));
        Assert.Equal((2, 2), (w, h));
        // f = 3 centres the box: the first output averages rows/columns -1..1, with -1 mirrored to 0.
        Assert.Equal((1 + 1 + 2 + 1 + 1 + 2 + 4 + 4 + 5) / 9.0, ScalarSsim.BoxDownsample(x, 3, 3, 3, out _, out _)[0], 12);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void IdentityIsExactlyOneAndInfinite(string backend)
    {
        var image = new DecodedImage(67, 45, 3, TestImages.Pattern(67, 45, 3, seed: 1));
        foreach (var color in new[] { ColorMode.Gray, ColorMode.Y, ColorMode.Rgb })
        {
            var scores = Score(backend, image, image, color, Downsample.None);
            Assert.Equal(1.0, scores["ssim"]);
            Assert.Equal(double.PositiveInfinity, scores["psnr"]);
        }
    }

    /// <summary>Reductions are per-row sums in double added in row order: repeated runs agree to the last bit.</summary>
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void RepeatedRunsAreBitIdentical(string backend)
    {
        var a = new DecodedImage(211, 97, 3, TestImages.Pattern(211, 97, 3, seed: 11));
        var b = new DecodedImage(211, 97, 3, TestImages.Pattern(211, 97, 3, seed: 12, noise: 70));
        var first = Score(backend, a, b, ColorMode.Rgb, Downsample.None);
        for (int i = 0; i < 3; i++)
            Assert.Equal(first, Score(backend, a, b, ColorMode.Rgb, Downsample.None));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void AgreesWithCpuBackend(string backend)
    {
        foreach (var (w, h, ds) in new[] { (67, 45, Downsample.None), (130, 97, new Downsample(false, 3)), (301, 20, Downsample.Automatic) })
        {
            var a = new DecodedImage(w, h, 3, TestImages.Pattern(w, h, 3, seed: 2));
            var b = new DecodedImage(w, h, 3, TestImages.Pattern(w, h, 3, seed: 3, noise: 60));
            foreach (var color in new[] { ColorMode.Gray, ColorMode.Y, ColorMode.Rgb })
            {
                var expected = Score("cpu", a, b, color, ds);
                var actual = Score(backend, a, b, color, ds);
                Assert.InRange(actual["ssim"] - expected["ssim"], -1e-5, 1e-5);
                Assert.InRange(actual["psnr"] - expected["psnr"], -1e-4, 1e-4);
            }
        }
    }

    /// <summary>
    /// 16-bit data with small local variations around a large mean: E[x^2] - mu^2 cancels badly in float32 unless
    /// the data are centred. The double-precision scalar oracle decides; 1e-5 as for the reference values.
    /// </summary>
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void SixteenBitPrecisionMatchesDoubleOracle(string backend)
    {
        const int w = 96, h = 80;
        var rng = new Random(4);
        var x = new ushort[w * h];
        var y = new ushort[w * h];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (ushort)(52000 + 40 * Math.Sin(i % w / 5.0) + rng.Next(0, 30));
            y[i] = (ushort)(x[i] + rng.Next(-12, 13));
        }
        var a = new DecodedImage(w, h, 1, x);
        var b = new DecodedImage(w, h, 1, y);
        double expected = ScalarSsim.Mean(x.Select(v => (double)v).ToArray(), y.Select(v => (double)v).ToArray(), w, h, 65535);
        double actual = Score(backend, a, b, ColorMode.Gray, Downsample.None)["ssim"];
        Assert.InRange(actual - expected, -1e-5, 1e-5);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void DownsamplingMatchesMatlabDefinition(string backend)
    {
        foreach (int f in new[] { 2, 3, 4 })
        {
            const int w = 53, h = 47;
            var a = TestImages.Pattern(w, h, 1, seed: 5);
            var b = TestImages.Pattern(w, h, 1, seed: 6, noise: 50);
            double[] ad = a.Select(v => (double)v).ToArray(), bd = b.Select(v => (double)v).ToArray();
            var da = ScalarSsim.BoxDownsample(ad, w, h, f, out int ow, out int oh);
            var db = ScalarSsim.BoxDownsample(bd, w, h, f, out _, out _);
            double expected = ScalarSsim.Mean(da, db, ow, oh, 255);
            double actual = Score(backend, new DecodedImage(w, h, 1, a), new DecodedImage(w, h, 1, b),
                ColorMode.Gray, new Downsample(false, f))["ssim"];
            Assert.InRange(actual - expected, -1e-5, 1e-5);
        }
    }
}
