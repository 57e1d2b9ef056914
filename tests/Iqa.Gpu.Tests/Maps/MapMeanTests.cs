using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Metrics.Deep;
using Iqa.Gpu.Metrics.Gmsd;
using Iqa.Gpu.Metrics.Psnr;
using Iqa.Gpu.Metrics.Ssim;

namespace Iqa.Gpu.Tests.Maps;

/// <summary>
/// Each map is the one its metric reduces, on every backend: the SSIM map's mean is the SSIM (1e-6), MS-SSIM is the
/// product of its scale maps' means raised to the weights (1e-6), PSNR is 10 log10(L² / the squared-error map's mean)
/// (1e-5 dB), GMSD is the sample standard deviation of the GMS map (2e-7: the map holds 1 − deviation in float32),
/// LPIPS the sum of its layer maps' means (1e-5 relative) and close to the spatial map's mean (below).
/// </summary>
public sealed class MapMeanTests(BackendPool pool) : IClassFixture<BackendPool>
{
    public static TheoryData<string, string, string, string?> SsimCases()
    {
        var data = new TheoryData<string, string, string, string?>();
        foreach (var backend in Backends.Names)
        {
            data.Add(backend, "chelsea_jpeg20.png", "gray", null);   // 300x451: auto factor 1
            data.Add(backend, "astronaut_jpeg20.png", "gray", null); // 512x512: auto factor 2
            data.Add(backend, "coffee_blur2.png", "rgb", "3");       // per-channel maps averaged, odd factor
            data.Add(backend, "chelsea_noise10.png", "y", "none");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SsimCases))]
    public void Ssim_map_mean_is_the_score(string backend, string distorted, string color, string? downsample)
    {
        var (reference, dist) = Pair(distorted);
        var (scores, analysis) = MapRuns.Analyze(pool.Get(backend), [SsimMetric.Info], MapRuns.Settings(ColorModeNames.Parse(color), downsample), reference, dist);
        var map = analysis.Maps.Single().Shown;
        Assert.Equal("ssim", map.Quantity);
        Assert.True(Math.Abs(MapRuns.Mean(map.Values) - scores["ssim"]) <= 1e-6, $"map mean {MapRuns.Mean(map.Values):R}, ssim {scores["ssim"]:R}");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Ms_ssim_is_the_product_of_its_scale_maps_means(string backend)
    {
        var (reference, dist) = Pair("chelsea_noise10.png");
        var (scores, analysis) = MapRuns.Analyze(pool.Get(backend), [MsSsimMetric.Info], MapRuns.Settings(), reference, dist);
        var maps = analysis.Maps.Single().Maps;
        Assert.Equal(["cs", "cs", "cs", "cs", "ssim"], maps.Select(m => m.Quantity));
        double product = 1;
        for (int s = 0; s < maps.Count; s++)
            product *= Math.Pow(MapRuns.Mean(maps[s].Values), MsSsimMetric.Weights[s]);
        Assert.True(Math.Abs(product - scores["ms_ssim"]) <= 1e-6, $"product {product:R}, ms_ssim {scores["ms_ssim"]:R}");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Psnr_is_that_of_the_squared_error_maps_mean(string backend)
    {
        foreach (string color in new[] { "gray", "rgb" })
        {
            var (reference, dist) = Pair("coffee_jpeg20.png");
            var (scores, analysis) = MapRuns.Analyze(pool.Get(backend), [PsnrMetric.Info], MapRuns.Settings(ColorModeNames.Parse(color)), reference, dist);
            var map = analysis.Maps.Single().Shown;
            double psnr = 10 * Math.Log10(255.0 * 255.0 / MapRuns.Mean(map.Values));
            Assert.True(Math.Abs(psnr - scores["psnr"]) <= 1e-5, $"{color}: from the map {psnr:R} dB, psnr {scores["psnr"]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Gmsd_is_the_standard_deviation_of_the_gms_map(string backend)
    {
        var (reference, dist) = Pair("astronaut_blur2.png");
        var (scores, analysis) = MapRuns.Analyze(pool.Get(backend), [GmsdMetric.Info], MapRuns.Settings(), reference, dist);
        var map = analysis.Maps.Single().Shown;
        Assert.Equal("gms", map.Quantity);
        double mean = MapRuns.Mean(map.Values);
        double std = Math.Sqrt(map.Values.Sum(v => (v - mean) * (v - mean)) / (map.Values.Length - 1));
        Assert.True(Math.Abs(std - scores["gmsd"]) <= 2e-7, $"std of the map {std:R}, gmsd {scores["gmsd"]:R}");
    }

    public static TheoryData<string, string> LpipsCases() => new()
    {
        { "ex_ref", "ex_p0" }, { "ex_ref", "ex_p1" }, { "astronaut_ref.png", "astronaut_jpeg20.png" }, { "chelsea_ref.png", "chelsea_blur2.png" },
    };

    /// <summary>
    /// LPIPS is the sum over layers of each layer map's mean (1e-5 relative: float32 sums inside the network). The
    /// spatial map, those maps upsampled bilinearly as the official code does, keeps the mean only for integer ratios:
    /// its mean is within 2e-4 of the score (measured: 8.3e-5 relative at 64x64, about 1e-5 at 512x512). ONNX Runtime
    /// computes LPIPS whatever the device, so once, on the cpu device.
    /// </summary>
    [Theory]
    [MemberData(nameof(LpipsCases))]
    public void Lpips_is_the_sum_of_layer_map_means_and_the_spatial_map_mean_close_to_it(string a, string b)
    {
        var (x, y) = a.StartsWith("ex_") ? (TestImages.Example(a), TestImages.Example(b)) : (MapRuns.Synthetic(a), MapRuns.Synthetic(b));
        var (scores, analysis) = MapRuns.Analyze(pool.Get("cpu"), [MetricRegistry.Find("lpips")], MapRuns.Settings(), x, y);
        double lpips = scores["lpips"];
        using var tiled = TiledLpips.Open(DeepModels.Lpips, DeepModels.Lpips.BundledPath!, 2);
        double layers = tiled.LayerMaps(x, y, Math.Max(x.Width, x.Height)).Sum(l => MapRuns.Mean(l.Values));
        Assert.True(Math.Abs(layers - lpips) <= 1e-5 * lpips, $"sum of layer map means {layers:R}, lpips {lpips:R}");
        var map = analysis.Maps.Single().Shown;
        Assert.Equal((x.Width, x.Height), (map.Width, map.Height));
        double mean = MapRuns.Mean(map.Values);
        Assert.True(Math.Abs(mean - lpips) <= 2e-4 * lpips, $"{x.Width}x{x.Height}: spatial mean {mean:R}, lpips {lpips:R} ({(mean - lpips) / lpips:E2} relative)");
    }

    private static (DecodedImage, DecodedImage) Pair(string distorted) =>
        (MapRuns.Synthetic(distorted[..distorted.IndexOf('_')] + "_ref.png"), MapRuns.Synthetic(distorted));
}
