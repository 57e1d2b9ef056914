using Iqa.Gpu.Images;
using Iqa.Gpu.Kernels;
using Iqa.Gpu.Maps;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Metrics.Gmsd;
using Iqa.Gpu.Metrics.Psnr;
using Iqa.Gpu.Metrics.Ssim;

namespace Iqa.Gpu.Tests.Maps;

/// <summary>
/// Maps are registered to the image: on a flat image with one square defect, the error a map shows is symmetric about
/// the defect, so its error-weighted centroid, each sample placed at <c>offset + scale * i</c>, must be the defect's
/// centre in image pixels (within 0.01 px; where the defect fills exactly one box of the downsampling). The box lies
/// where the downsampling puts one sample: pixels f j + lo .. f j + lo + f − 1.
/// </summary>
public sealed class MapGeometryTests(BackendPool pool) : IClassFixture<BackendPool>
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Ssim_map_error_centres_on_the_defect(int factor)
    {
        int lo = BoxWindow.Low(factor), j = 20, k = 14, x0 = factor * j + lo, y0 = factor * k + lo;
        var (reference, distorted) = Defect(160, 128, x0, y0, factor);
        var map = Maps([SsimMetric.Info], MapRuns.Settings(downsample: factor.ToString()), reference, distorted).Single().Shown;
        // The brief's formula: offset 5f + lo + (f − 1)/2, scale f.
        Assert.Equal(new MapGeometry(5 * factor + lo + (factor - 1) / 2.0, factor), map.Geometry);
        AssertCentroid(map, x0 + (factor - 1) / 2.0, y0 + (factor - 1) / 2.0);
    }

    [Fact]
    public void Ms_ssim_scale_maps_error_centres_on_the_defect()
    {
        // A 16x16 block at a multiple of 16: one sample at scale 5, 2^(5 − s) samples square at scale s.
        var (reference, distorted) = Defect(512, 512, 256, 208, 16);
        var maps = Maps([MsSsimMetric.Info], MapRuns.Settings(), reference, distorted).Single().Maps;
        for (int s = 1; s <= 5; s++)
        {
            double scale = 1 << (s - 1);
            Assert.Equal(new MapGeometry((scale - 1) / 2 + 5 * scale, scale), maps[s - 1].Geometry);
            AssertCentroid(maps[s - 1], 256 + 7.5, 208 + 7.5);
        }
    }

    [Fact]
    public void Gms_map_error_centres_on_the_defect()
    {
        var (reference, distorted) = Defect(64, 48, 30, 20, 2);
        var map = Maps([GmsdMetric.Info], MapRuns.Settings(), reference, distorted).Single().Shown;
        Assert.Equal(new MapGeometry(0.5, 2), map.Geometry);
        AssertCentroid(map, 30.5, 20.5);
    }

    [Fact]
    public void Squared_error_map_is_the_image_itself()
    {
        var (reference, distorted) = Defect(40, 30, 17, 9, 1);
        var map = Maps([PsnrMetric.Info], MapRuns.Settings(), reference, distorted).Single().Shown;
        Assert.Equal(MapGeometry.Identity, map.Geometry);
        Assert.InRange(map.Values[9 * 40 + 17], 100 * 100 - 0.01, 100 * 100 + 0.01);
        Assert.Equal(1, map.Values.Count(v => v != 0));
    }

    /// <summary>The network's maps are not symmetric about a defect (strides, padding): the LPIPS map's error lies within 4 px of it.</summary>
    [Fact]
    public void Lpips_map_error_lies_on_the_defect()
    {
        var (reference, distorted) = Defect(128, 96, 60, 40, 8);
        var map = Maps([MetricRegistry.Find("lpips")], MapRuns.Settings(), reference, distorted).Single().Shown;
        var (x, y) = Centroid(map);
        Assert.True(Math.Abs(x - 63.5) <= 4 && Math.Abs(y - 43.5) <= 4, $"centroid ({x:F2}, {y:F2}), defect centre (63.5, 43.5)");
    }

    [Fact]
    public void A_sample_belongs_to_the_pixel_at_its_position()
    {
        var g = new MapGeometry(0.5, 2);
        Assert.Equal([1, 3, 5, 7], Enumerable.Range(0, 4).Select(i => g.Pixel(i, 8)));
        Assert.Equal(7, g.Pixel(9, 8)); // clamped to the image
        var valid = MapGeometry.Identity.BoxDownsampled(4).Valid(11);
        Assert.Equal(20.5, valid.ImageCoordinate(0));
        Assert.Equal(21, valid.Pixel(0, 100));
    }

    private IReadOnlyList<MetricMaps> Maps(MetricDescriptor[] metrics, ScoreSettings settings, DecodedImage reference, DecodedImage distorted) =>
        MapRuns.Analyze(pool.Get("cpu"), metrics, settings, reference, distorted).Analysis.Maps;

    /// <summary>A flat gray image (100) and the same with a size x size square of 200 at (x0, y0).</summary>
    private static (DecodedImage, DecodedImage) Defect(int width, int height, int x0, int y0, int size)
    {
        var flat = Enumerable.Repeat((byte)100, width * height).ToArray();
        var defect = (byte[])flat.Clone();
        for (int y = y0; y < y0 + size; y++)
            for (int x = x0; x < x0 + size; x++)
                defect[y * width + x] = 200;
        return (new DecodedImage(width, height, 1, flat), new DecodedImage(width, height, 1, defect));
    }

    private static void AssertCentroid(QualityMap map, double x, double y)
    {
        var (cx, cy) = Centroid(map);
        Assert.True(Math.Abs(cx - x) <= 0.01 && Math.Abs(cy - y) <= 0.01,
            $"{map.Metric} {map.Quantity} (scale {map.Scale}): error centroid ({cx:F4}, {cy:F4}), defect centre ({x}, {y})");
    }

    /// <summary>The error-weighted mean image position of the map's samples.</summary>
    private static (double X, double Y) Centroid(QualityMap map)
    {
        double sum = 0, sx = 0, sy = 0;
        for (int r = 0; r < map.Height; r++)
            for (int c = 0; c < map.Width; c++)
            {
                double e = map.Error(map.Values[r * map.Width + c]);
                sum += e;
                sx += e * map.Geometry.ImageCoordinate(c);
                sy += e * map.Geometry.ImageCoordinate(r);
            }
        return (sx / sum, sy / sum);
    }
}
