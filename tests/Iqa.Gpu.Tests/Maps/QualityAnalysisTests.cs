using Iqa.Gpu.Images;
using Iqa.Gpu.Maps;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Metrics.Niqe;
using Iqa.Gpu.Metrics.Ssim;

namespace Iqa.Gpu.Tests.Maps;

/// <summary>What the analysis refuses, with one message naming the problem: no metric with a map, a tool profile, a map scale the pair lacks.</summary>
public sealed class QualityAnalysisTests(BackendPool pool) : IClassFixture<BackendPool>
{
    [Fact]
    public void Metrics_without_maps_alone_are_refused()
    {
        var context = new MetricContext(pool.Get("cpu"), MapRuns.Settings());
        var e = Assert.Throws<IqaException>(() => new QualityAnalysis(context, [NiqeMetric.Info], new AnalysisOptions()));
        Assert.Contains("none of the selected metrics (niqe) has a quality map", e.Message);
    }

    [Fact]
    public void Tool_profiles_have_no_maps()
    {
        var context = new MetricContext(pool.Get("cpu"), Profiles.Resolve("ffmpeg", null, null, null));
        var e = Assert.Throws<IqaException>(() => new QualityAnalysis(context, [SsimMetric.Info], new AnalysisOptions()));
        Assert.Contains("profile ffmpeg", e.Message);
    }

    [Fact]
    public void A_map_scale_the_pair_does_not_have_is_that_pairs_error()
    {
        var settings = MapRuns.Settings() with { Options = new Dictionary<string, string> { ["ms_ssim.small"] = "fewer" } };
        var image = TestImages.Random(100, 90, 1, seed: 4);
        var other = TestImages.Random(100, 90, 1, seed: 5);
        var e = Assert.Throws<IqaException>(() =>
            MapRuns.Analyze(pool.Get("cpu"), [MsSsimMetric.Info], settings, image, other, new AnalysisOptions { MapScale = 5 }));
        Assert.Equal("ref: 100x90 has 4 MS-SSIM scales, no map of scale 5", e.Message);
    }
}
