using Iqa.Gpu.Images;
using Iqa.Gpu.Maps;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Metrics.Psnr;
using Iqa.Gpu.Metrics.Ssim;
using Iqa.Gpu.Regions;
using Iqa.Gpu.Scoring;
using Iqa.Gpu.Slic;

namespace Iqa.Gpu.Tests.Maps;

/// <summary>
/// Superpixel pooling against a direct computation in the test (each sample's pixel, then a group-by on its label):
/// shapes, per-region means, standard deviations and counts (1e-12 relative), each metric's region rule, error shares
/// that add up to 1, the ranking and the pooled figures.
/// </summary>
public sealed class RegionPoolingTests
{
    private const int W = 24, H = 16;

    /// <summary>Four regions: two vertical bands, a block inside the second, and the bottom rows.</summary>
    private static int[] Labels()
    {
        var labels = new int[W * H];
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
                labels[y * W + x] = y >= 13 ? 4 : x >= 14 && x < 20 && y >= 3 && y < 9 ? 3 : x < 10 ? 1 : 2;
        return labels;
    }

    private static Superpixels Superpixels() =>
        new(new SlicResult(new DecodedImage(W, H, 1, new byte[W * H]), Labels(), 1, 4), new SlicParameters { Segments = 4 });

    private static QualityMap Map(int width, int height, MapGeometry geometry, bool higherIsBetter, int seed, double spread = 1)
    {
        var rng = new Random(seed);
        var values = new float[width * height];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)(higherIsBetter ? 1 - spread * rng.NextDouble() : spread * rng.NextDouble());
        return new QualityMap("m", "q", "test map", width, height, values, geometry, higherIsBetter);
    }

    /// <summary>Per label, the samples whose image position (rounded to the nearest pixel) carries it.</summary>
    private static Dictionary<int, List<double>> Direct(QualityMap map)
    {
        var labels = Labels();
        var groups = new Dictionary<int, List<double>>();
        for (int r = 0; r < map.Height; r++)
            for (int c = 0; c < map.Width; c++)
            {
                int px = (int)Math.Clamp(Math.Floor(map.Geometry.Offset + map.Geometry.Scale * c + 0.5), 0, W - 1);
                int py = (int)Math.Clamp(Math.Floor(map.Geometry.Offset + map.Geometry.Scale * r + 0.5), 0, H - 1);
                int label = labels[py * W + px];
                if (!groups.TryGetValue(label, out var list))
                    groups[label] = list = [];
                list.Add(map.Values[r * map.Width + c]);
            }
        return groups;
    }

    [Fact]
    public void Shapes_are_the_labels_boxes_areas_and_centroids()
    {
        var superpixels = Superpixels();
        var labels = Labels();
        foreach (int label in new[] { 1, 2, 3, 4 })
        {
            var pixels = Enumerable.Range(0, W * H).Where(i => labels[i] == label).Select(i => (X: i % W, Y: i / W)).ToList();
            var shape = superpixels.Shapes[label]!;
            Assert.Equal(pixels.Count, shape.Area);
            Assert.Equal(new PixelBox(pixels.Min(p => p.X), pixels.Min(p => p.Y), pixels.Max(p => p.X) - pixels.Min(p => p.X) + 1,
                pixels.Max(p => p.Y) - pixels.Min(p => p.Y) + 1), shape.Box);
            Assert.Equal(pixels.Average(p => p.X), shape.CentroidX, 12);
            Assert.Equal(pixels.Average(p => p.Y), shape.CentroidY, 12);
        }
        Assert.Null(superpixels.Shapes[0]);
    }

    public static TheoryData<int, int, double, double> Geometries() => new()
    {
        { W, H, 0, 1 },       // one sample per pixel
        { 12, 8, 0.5, 2 },    // GMSD's 2x2 average
        { 4, 2, 7.5, 4 },     // a 'valid' map after 2x2 downsampling, shifted
    };

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Pools_are_the_direct_group_statistics(int width, int height, double offset, double scale)
    {
        var map = Map(width, height, new MapGeometry(offset, scale), higherIsBetter: true, seed: width);
        var pool = MapPool.Of(map, Superpixels(), spread: true);
        var direct = Direct(map);
        foreach (var (label, values) in direct)
        {
            Assert.Equal(values.Count, pool.Counts[label]);
            Assert.Equal(values.Average(), pool.Mean(label), 12);
            double mean = values.Average();
            double std = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
            Assert.Equal(std, pool.StandardDeviation(label), 12);
            Assert.Equal(values.Sum(v => 1 - v), pool.ErrorSum(label), 12);
        }
        Assert.Equal(width * height, pool.TotalCount);
        Assert.Equal(direct.Keys.Order(), Enumerable.Range(0, pool.Counts.Length).Where(l => pool.Counts[l] > 0));
    }

    [Fact]
    public void Psnr_regions_use_their_mean_squared_error_and_shares_add_up_to_one()
    {
        var map = Map(W, H, MapGeometry.Identity, higherIsBetter: false, seed: 3, spread: 400);
        Array.Clear(map.Values, 13 * W, 3 * W); // region 4 has no error: infinite PSNR
        var regions = MetricRegions.Of(new MetricMaps(PsnrMetric.Info, [map], map, RegionRules.Psnr(255)), Superpixels());
        var direct = Direct(map);
        foreach (var region in regions.Ranked)
        {
            double mse = direct[region.Shape.Label].Average();
            Assert.Equal(mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse), region.Score, 9);
            Assert.Equal(direct[region.Shape.Label].Sum() / map.Values.Sum(v => (double)v), region.ErrorShare, 12);
        }
        Assert.Equal(1, regions.Ranked.Sum(r => r.ErrorShare), 12);
        Assert.Equal(double.PositiveInfinity, regions.Ranked[^1].Score);
        Assert.True(regions.Ranked.Zip(regions.Ranked.Skip(1)).All(p => p.First.Score <= p.Second.Score), "worst (lowest PSNR) first");
    }

    [Fact]
    public void Ms_ssim_regions_are_products_of_scale_means_renormalized_where_a_scale_misses_them()
    {
        var fine = Map(W, H, MapGeometry.Identity, higherIsBetter: true, seed: 5, spread: 0.5);
        // The coarse map covers the upper part only: region 4 (the bottom rows) holds none of its samples.
        var coarse = Map(3, 2, new MapGeometry(4, 8), higherIsBetter: true, seed: 6, spread: 0.5);
        double[] exponents = [0.4, 0.6];
        var regions = MetricRegions.Of(new MetricMaps(MsSsimMetric.Info, [fine, coarse], fine, RegionRules.MsSsim(exponents)), Superpixels());
        var (f, c) = (Direct(fine), Direct(coarse));
        Assert.False(c.ContainsKey(4));
        foreach (var region in regions.Ranked)
        {
            int l = region.Shape.Label;
            double expected = c.TryGetValue(l, out var cv)
                ? Math.Pow(f[l].Average(), 0.4) * Math.Pow(cv.Average(), 0.6)
                : f[l].Average(); // the fine scale's exponent scaled up to the whole sum, 1
            Assert.Equal(expected, region.Score, 12);
            double part = 0.4 * f[l].Sum(v => 1 - v) / fine.Values.Length + (cv is null ? 0 : 0.6 * cv.Sum(v => 1 - v) / coarse.Values.Length);
            double total = 0.4 * fine.Values.Sum(v => 1 - (double)v) / fine.Values.Length + 0.6 * coarse.Values.Sum(v => 1 - (double)v) / coarse.Values.Length;
            Assert.Equal(part / total, region.ErrorShare, 12);
        }
        Assert.Equal(1, regions.Ranked.Sum(r => r.ErrorShare), 12);
    }

    [Fact]
    public void Pooled_figures_are_the_worst_region_and_the_linear_percentile()
    {
        var map = Map(W, H, MapGeometry.Identity, higherIsBetter: true, seed: 9);
        var regions = MetricRegions.Of(new MetricMaps(SsimMetric.Info, [map], map, RegionRules.Mean), Superpixels());
        var scores = regions.Ranked.Select(r => r.Score).Order().ToArray();
        var pooled = regions.Pooled().ToDictionary();
        Assert.Equal(["ssim_region_min", "ssim_region_p5"], pooled.Keys);
        Assert.Equal(scores[0], pooled["ssim_region_min"]);
        // numpy.percentile(scores, 5) with 4 values: rank 0.15 between the two lowest
        Assert.Equal(scores[0] + 0.15 * (scores[1] - scores[0]), pooled["ssim_region_p5"], 15);
        Assert.Equal(["gmsd_region_max", "gmsd_region_p95"], MetricRegions.PooledNames("gmsd", lowerIsBetter: true));
    }
}
