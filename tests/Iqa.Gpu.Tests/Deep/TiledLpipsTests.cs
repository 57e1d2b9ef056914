using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics.Deep;

namespace Iqa.Gpu.Tests.Deep;

/// <summary>Tiled LPIPS (aligned cores with a 128-pixel halo, layer maps assembled in double) against whole images.</summary>
public sealed class TiledLpipsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static DecodedImage Tid(string folder) => ImageDecoder.Decode(TestPaths.RefData("pyiqa_calibra", folder, "I19.bmp"));

    // The whole-image score is a float32 (ulp 6e-8 near 0.5) and the tiled one sums the same map values in double:
    // measured differences are below 1.3e-8. A misplaced tile shows up as 1e-4 or more, a halo of 64 instead of
    // 128 as 4e-5 (AlexNet at 777x555).
    private const double Tolerance = 1e-7;

    [Theory]
    [InlineData("lpips", 512, 384)]
    [InlineData("lpips-squeeze", 512, 384)]
    [InlineData("lpips", 509, 371)] // last cores 61 and 51 pixels
    [InlineData("lpips-squeeze", 509, 371)]
    public void SmallTiles_EqualWholeImage(string metric, int width, int height)
    {
        DecodedImage reference = TestImages.Crop(Tid("ref_dir"), 0, 0, width, height);
        DecodedImage distorted = TestImages.Crop(Tid("dist_dir"), 0, 0, width, height);
        using var whole = DeepMetric.Open(metric);
        using var tiled = DeepMetric.Open(metric, new DeepMetricOptions { TileSize = 64 });
        Assert.Equal(whole.Score(reference, distorted), tiled.Score(reference, distorted), Tolerance);
    }

    [Theory]
    [InlineData("lpips")]
    [InlineData("lpips-squeeze")]
    public void ShortLastCore_EqualsWholeImage(string metric)
    {
        // 777 = 12 x 64 + 9: the last core holds no position of the deepest layers, and the core before it reaches
        // the border through its halo.
        DecodedImage reference = TestImages.Random(777, 555, 3, 1), distorted = TestImages.Random(777, 555, 3, 2);
        using var whole = DeepMetric.Open(metric);
        using var tiled = DeepMetric.Open(metric, new DeepMetricOptions { TileSize = 64 });
        Assert.Equal(whole.Score(reference, distorted), tiled.Score(reference, distorted), Tolerance);
    }

    [Fact]
    public void MemoryLimit_SwitchesToTiles()
    {
        DecodedImage reference = Tid("ref_dir"), distorted = Tid("dist_dir");
        using var whole = DeepMetric.Open("lpips");
        // Whole: 512 x 384 x 150 B = 28 MiB. 20 MiB allows a 374-pixel tile, so a 112-pixel core.
        using var limited = DeepMetric.Open("lpips", new DeepMetricOptions { MemoryLimitBytes = 20 << 20 });
        Assert.Equal(whole.Score(reference, distorted), limited.Score(reference, distorted), Tolerance);
    }

    [Fact]
    public void TiledBatch_EqualsTiledPairs()
    {
        DecodedImage reference = Tid("ref_dir"), distorted = Tid("dist_dir");
        using var tiled = DeepMetric.Open("lpips", new DeepMetricOptions { TileSize = 128 });
        double[] batch = tiled.ScoreBatch([reference, distorted], [distorted, distorted]);
        Assert.Equal(tiled.Score(reference, distorted), batch[0], Tolerance);
        Assert.Equal(0.0, batch[1]);
    }

    [Fact]
    public void UserModel_TilesAsSpatialMean()
    {
        // The generated graph's score is ReduceMean of one map (the squared difference), a one-layer LPIPS at stride 1.
        string path = new TinyOnnxModel { Output = "lpips" }.WriteTo(_dir.Path);
        using var whole = DeepMetric.Open(DeepModels.LpipsVgg, new DeepMetricOptions { ModelPath = path });
        using var tiled = DeepMetric.Open(DeepModels.LpipsVgg, new DeepMetricOptions { ModelPath = path, TileSize = 64 });
        DecodedImage a = TestImages.Random(300, 200, 3, 1), b = TestImages.Random(300, 200, 3, 2);
        double expected = whole.Score(a, b);
        Assert.Equal(expected, tiled.Score(a, b), expected * 1e-5);
    }
}
