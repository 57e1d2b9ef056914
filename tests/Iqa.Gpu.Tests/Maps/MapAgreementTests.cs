using Iqa.Gpu.Metrics;
using Iqa.Gpu.Metrics.Gmsd;
using Iqa.Gpu.Metrics.Psnr;
using Iqa.Gpu.Metrics.Ssim;

namespace Iqa.Gpu.Tests.Maps;

/// <summary>
/// The maps of every device against the <c>cpu</c> device's, map by map. SSIM and CS: the CPU path sums the window
/// vertically first with fused multiply-adds, the kernels horizontally first without, and float32 moments of
/// low-variance windows lose digits (on coffee jpeg20 each path is within 1.4e-4 of the float64 reference, 4e-6 on
/// average): within 2.5e-4 per value and 1e-5 on average. The squared error and the GMS map: bit for bit (the same
/// float operations).
/// </summary>
public sealed class MapAgreementTests(BackendPool pool) : IClassFixture<BackendPool>
{
    public static TheoryData<string, string, double, double> Cases()
    {
        var data = new TheoryData<string, string, double, double>();
        foreach (var backend in Backends.Names.Where(b => b != "cpu"))
        {
            data.Add(backend, "ssim", 2.5e-4, 1e-5);
            data.Add(backend, "ms_ssim", 2.5e-4, 1e-5);
            data.Add(backend, "psnr", 0, 0);
            data.Add(backend, "gmsd", 0, 0);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Maps_agree_with_the_cpu_device(string backend, string metric, double tolerance, double meanTolerance)
    {
        var reference = MapRuns.Synthetic("coffee_ref.png");
        var distorted = MapRuns.Synthetic("coffee_jpeg20.png");
        MetricDescriptor[] metrics = [MetricRegistry.Find(metric)];
        var (_, cpu) = MapRuns.Analyze(pool.Get("cpu"), metrics, MapRuns.Settings(), reference, distorted);
        var (_, other) = MapRuns.Analyze(pool.Get(backend), metrics, MapRuns.Settings(), reference, distorted);
        var expected = cpu.Maps.Single().Maps;
        var actual = other.Maps.Single().Maps;
        Assert.Equal(expected.Count, actual.Count);
        for (int m = 0; m < expected.Count; m++)
        {
            Assert.Equal((expected[m].Width, expected[m].Height, expected[m].Geometry), (actual[m].Width, actual[m].Height, actual[m].Geometry));
            double max = MapRuns.MaxDifference(expected[m].Values, actual[m].Values);
            double mean = expected[m].Values.Zip(actual[m].Values, (a, b) => Math.Abs((double)a - b)).Average();
            Assert.True(max <= tolerance && mean <= meanTolerance,
                $"{metric} map {m + 1}: largest difference {max:E2} (at most {tolerance:E1}), mean {mean:E2} (at most {meanTolerance:E0})");
        }
    }
}
