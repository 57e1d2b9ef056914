using Iqa.Gpu.Images;
using Iqa.Gpu.Maps;
using Iqa.Gpu.Metrics.Deep;
using Iqa.Gpu.Metrics.Gmsd;
using Iqa.Gpu.Metrics.Psnr;
using Iqa.Gpu.Metrics.Ssim;

namespace Iqa.Gpu.Tests.Maps;

/// <summary>
/// The maps value by value against an independent numpy/scipy implementation of the published code
/// (TestData/maps/make_map_reference.py), on every backend, on MATLAB gray inputs. Tolerances (absolute): SSIM and CS
/// 1e-4 (float32 window moments against float64, largest where the local variance is small: measured 5.9e-5 for SSIM,
/// 4.9e-5 for MS-SSIM's finest CS map; the maps' means agree with the scores to 1e-6), GMS 1e-6, the squared error
/// 4e-5 |x − y| (the metrics' planes hold x / L − 0.5 in float32), the bilinear upsampling of LPIPS 1e-6 (float32 both).
/// </summary>
public sealed class MapReferenceTests(BackendPool pool) : IClassFixture<BackendPool>
{
    public static TheoryData<string, int> SsimCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var backend in Backends.Names)
            foreach (int factor in new[] { 1, 2, 3 })
                data.Add(backend, factor);
        return data;
    }

    [Theory]
    [MemberData(nameof(SsimCases))]
    public void Ssim_map_matches_the_reference(string backend, int factor)
    {
        var reference = MapRuns.Gray(MapRuns.Synthetic("chelsea_ref.png"));
        var distorted = MapRuns.Gray(MapRuns.Synthetic("chelsea_jpeg20.png"));
        if (factor == 1)
            (reference, distorted) = (TestImages.Crop(reference, 100, 40, 83, 97), TestImages.Crop(distorted, 100, 40, 83, 97));
        var (_, analysis) = MapRuns.Analyze(pool.Get(backend), [SsimMetric.Info], MapRuns.Settings(downsample: factor.ToString()), reference, distorted);
        Compare(analysis.Maps.Single().Shown, $"ssim_f{factor}", 1e-4);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Ms_ssim_scale_maps_match_the_reference(string backend)
    {
        var reference = TestImages.Crop(MapRuns.Gray(MapRuns.Synthetic("chelsea_ref.png")), 200, 60, 193, 180);
        var distorted = TestImages.Crop(MapRuns.Gray(MapRuns.Synthetic("chelsea_noise10.png")), 200, 60, 193, 180);
        var (_, analysis) = MapRuns.Analyze(pool.Get(backend), [MsSsimMetric.Info], MapRuns.Settings(), reference, distorted);
        var maps = analysis.Maps.Single().Maps;
        for (int s = 0; s < 5; s++)
            Compare(maps[s], $"ms_ssim_s{s + 1}", 1e-4);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Gms_map_matches_the_reference(string backend)
    {
        var reference = MapRuns.Gray(MapRuns.Synthetic("chelsea_ref.png"));
        var distorted = MapRuns.Gray(MapRuns.Synthetic("chelsea_jpeg20.png"));
        var (_, analysis) = MapRuns.Analyze(pool.Get(backend), [GmsdMetric.Info], MapRuns.Settings(), reference, distorted);
        Compare(analysis.Maps.Single().Shown, "gms", 1e-6);
    }

    /// <summary>The squared error per pixel, (x − y)² of the 8-bit gray samples (exactly 0 where they are equal).</summary>
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Squared_error_map_is_the_squared_difference_of_the_samples(string backend)
    {
        var reference = MapRuns.Gray(MapRuns.Synthetic("coffee_ref.png"));
        var distorted = MapRuns.Gray(MapRuns.Synthetic("coffee_noise10.png"));
        var (_, analysis) = MapRuns.Analyze(pool.Get(backend), [PsnrMetric.Info], MapRuns.Settings(), reference, distorted);
        var map = analysis.Maps.Single().Shown;
        for (int i = 0; i < map.Values.Length; i++)
        {
            double d = reference.Bytes![i] - distorted.Bytes![i];
            Assert.True(Math.Abs(map.Values[i] - d * d) <= 4e-5 * Math.Abs(d), $"pixel {i}: {map.Values[i]:R}, expected {d * d}");
        }
    }

    [Theory]
    [InlineData("5x7", "23x31")]
    [InlineData("33x60", "135x240")]
    [InlineData("16x9", "16x40")]
    [InlineData("1x3", "4x11")]
    public void Bilinear_upsampling_is_pytorchs(string from, string to)
    {
        var source = MapRuns.Reference($"upsample_{from}_src");
        var expected = MapRuns.Reference($"upsample_{from}_to_{to}");
        var actual = new float[expected.Values.Length];
        BilinearUpsample.AddTo(source.Values, source.Width, source.Height, actual, expected.Width, expected.Height);
        Assert.True(MapRuns.MaxDifference(actual, expected.Values) <= 1e-6, $"largest difference {MapRuns.MaxDifference(actual, expected.Values):E2}");
    }

    private static void Compare(QualityMap map, string name, double tolerance)
    {
        var expected = MapRuns.Reference(name);
        Assert.Equal((expected.Width, expected.Height), (map.Width, map.Height));
        double max = MapRuns.MaxDifference(map.Values, expected.Values);
        Assert.True(max <= tolerance, $"{name}: largest difference {max:E2} > {tolerance:E0}");
    }
}
