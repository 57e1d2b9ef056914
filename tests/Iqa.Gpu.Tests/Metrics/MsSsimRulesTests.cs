using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Metrics.Ssim;
using Iqa.Gpu.Scoring;

namespace Iqa.Gpu.Tests.Metrics;

/// <summary>MS-SSIM's documented rules: negative means, images too small for 5 scales, and renormalized weights.</summary>
public sealed class MsSsimRulesTests(BackendPool pool) : IClassFixture<BackendPool>
{
    private IReadOnlyDictionary<string, double> Score(string backend, DecodedImage a, DecodedImage b, params (string, string)[] options)
    {
        var settings = new ScoreSettings("test", ColorMode.Gray, Downsample.None, null)
        {
            Options = options.ToDictionary(o => o.Item1, o => o.Item2),
        };
        using var scorer = new Scorer(pool.Get(backend), [MsSsimMetric.Info], settings);
        return scorer.Compute("ref", a, "dist", b);
    }

    private static (DecodedImage, DecodedImage) Inverted(int w, int h)
    {
        var a = TestImages.Pattern(w, h, 1, seed: 9);
        return (new DecodedImage(w, h, 1, a), new DecodedImage(w, h, 1, a.Select(v => (byte)(255 - v)).ToArray()));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void NegativeContrastStructureIsClampedToZeroByDefault(string backend)
    {
        var (a, b) = Inverted(200, 180);
        Assert.Equal(0.0, Score(backend, a, b)["ms_ssim"]);
    }

    [Fact]
    public void NegativeContrastStructureCanBeAnError()
    {
        var (a, b) = Inverted(200, 180);
        var e = Assert.Throws<IqaException>(() => Score("cpu", a, b, ("ms_ssim.negative", "error")));
        Assert.Contains("negative MS-SSIM contrast-structure mean", e.Message);
        Assert.Contains("scale 1", e.Message);
    }

    [Fact]
    public void TooSmallForFiveScalesIsAnErrorByDefault()
    {
        var a = new DecodedImage(100, 120, 1, TestImages.Pattern(100, 120, 1, seed: 1));
        var e = Assert.Throws<IqaException>(() => Score("cpu", a, a));
        Assert.Contains("100x120 is too small for 5 MS-SSIM scales", e.Message);
        Assert.Contains("at least 176", e.Message);
    }

    /// <summary>100x120 fits 4 scales (100 / 2^3 = 12.5 >= 11, as msssim.m checks); weights 1-4 renormalized to sum 1.</summary>
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void FewerScalesRenormalizeTheWeights(string backend)
    {
        const int w = 100, h = 120;
        var a = TestImages.Pattern(w, h, 1, seed: 1);
        var b = TestImages.Pattern(w, h, 1, seed: 2, noise: 50);
        var scores = Score(backend, new DecodedImage(w, h, 1, a), new DecodedImage(w, h, 1, b), ("ms_ssim.small", "fewer"));
        Assert.Equal(4, scores["ms_ssim_scales"]);

        double[] x = a.Select(v => (double)v).ToArray(), y = b.Select(v => (double)v).ToArray();
        double[] weights = MsSsimMetric.Weights[..4];
        double expected = 1;
        int sw = w, sh = h;
        for (int s = 0; s < 4; s++)
        {
            double value = s == 3 ? ScalarSsim.Mean(x, y, sw, sh, 255) : ScalarSsim.MeanContrastStructure(x, y, sw, sh, 255);
            expected *= Math.Pow(value, weights[s] / weights.Sum());
            x = ScalarSsim.BoxDownsample(x, sw, sh, 2, out int nw, out int nh);
            y = ScalarSsim.BoxDownsample(y, sw, sh, 2, out _, out _);
            (sw, sh) = (nw, nh);
        }
        Assert.InRange(scores["ms_ssim"] - expected, -1e-5, 1e-5);
    }
}
