using Iqa.Gpu.Metrics.Deep;

namespace Iqa.Gpu.Tests.Deep;

/// <summary>Every way a model or an input can be unusable ends in a one-line <see cref="IqaException"/>.</summary>
public sealed class DeepModelErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private IqaException OpenFails(DeepModelDescriptor model, string path) =>
        Assert.Throws<IqaException>(() => DeepMetric.Open(model, new DeepMetricOptions { ModelPath = path }));

    private IqaException OpenFails(TinyOnnxModel tiny) => OpenFails(DeepModels.Dists, tiny.WriteTo(_dir.Path));

    [Fact]
    public void UnknownName() =>
        Assert.Contains("unknown deep metric 'lpips-resnet'", Assert.Throws<IqaException>(() => DeepMetric.Open("lpips-resnet")).Message);

    [Fact]
    public void NoModelForUnbundledMetric() =>
        Assert.Contains("dists has no bundled model", Assert.Throws<IqaException>(() => DeepMetric.Open("dists")).Message);

    [Theory]
    [InlineData("lpips-vgg")]
    [InlineData("lpips")] // a --model path replacing the bundled file
    public void MissingModelFile(string metric) =>
        Assert.Contains($"{metric} model file not found", OpenFails(DeepModels.Find(metric), Path.Combine(_dir.Path, "absent.onnx")).Message);

    [Fact]
    public void CorruptModelFile()
    {
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        Assert.Contains("cannot load ONNX model for dists", OpenFails(DeepModels.Dists, _dir.Write("garbage.onnx", garbage)).Message);
    }

    [Fact]
    public void TruncatedModelFile()
    {
        byte[] model = new TinyOnnxModel { Output = "dists" }.Encode();
        Assert.Contains("cannot load ONNX model", OpenFails(DeepModels.Dists, _dir.Write("cut.onnx", model[..(model.Length / 2)])).Message);
    }

    [Fact]
    public void WrongInputNames()
    {
        var e = OpenFails(new TinyOnnxModel { Input0 = "x", Input1 = "y", Output = "dists" });
        Assert.Contains("inputs 'in0' and 'in1'", e.Message);
        Assert.Contains("'x' float [N, 3, H, W]", e.Message);
    }

    [Fact]
    public void WrongChannelCount() =>
        Assert.Contains("[N, 3, H, W]", OpenFails(new TinyOnnxModel { InputShape = ["N", 1, "H", "W"], Output = "dists" }).Message);

    [Fact]
    public void WrongInputType() =>
        Assert.Contains("two float32 inputs", OpenFails(new TinyOnnxModel { InputType = TinyOnnxModel.Double, Output = "dists" }).Message);

    [Fact]
    public void WrongOutputName()
    {
        var e = OpenFails(new TinyOnnxModel { Output = "score" });
        Assert.Contains("output 'dists'", e.Message);
        Assert.Contains("'score' float [N, 1, 1, 1]", e.Message);
    }

    [Fact]
    public void FixedInputSizeThatDoesNotMatch()
    {
        string path = new TinyOnnxModel { InputShape = [1, 3, 32, 32], Output = "dists" }.WriteTo(_dir.Path);
        using var dists = DeepMetric.Open(DeepModels.Dists, new DeepMetricOptions { ModelPath = path });
        Assert.True(dists.Score(TestImages.Random(32, 32, 3, 1), TestImages.Random(32, 32, 3, 2)) > 0);
        var e = Assert.Throws<IqaException>(() => dists.Score(TestImages.Random(64, 48, 3, 1), TestImages.Random(64, 48, 3, 2)));
        Assert.Contains("takes inputs of shape [1, 3, 32, 32], not [1, 3, 48, 64]", e.Message);
    }

    [Theory]
    [InlineData("lpips", 31)]
    [InlineData("lpips-squeeze", 25)]
    public void ImageBelowNetworkMinimum(string metric, int minimum)
    {
        using var lpips = DeepMetric.Open(metric);
        Assert.True(lpips.Score(TestImages.Random(minimum, minimum, 3, 1), TestImages.Random(minimum, minimum, 3, 2)) > 0);
        var e = Assert.Throws<IqaException>(() =>
            lpips.Score(TestImages.Random(200, minimum - 1, 3, 1), TestImages.Random(200, minimum - 1, 3, 2)));
        Assert.Contains($"smaller than the {lpips.Model.Network} network's minimum of {minimum}x{minimum}", e.Message);
    }

    [Fact]
    public void SizeMismatch()
    {
        using var lpips = DeepMetric.Open("lpips");
        var e = Assert.Throws<IqaException>(() => lpips.Score(TestImages.Random(64, 64, 3, 1), TestImages.Random(64, 63, 3, 2)));
        Assert.Contains("same size", e.Message);
    }

    [Fact]
    public void BatchListsOfDifferentLength()
    {
        using var lpips = DeepMetric.Open("lpips");
        var image = TestImages.Random(64, 64, 3, 1);
        Assert.Contains("2 reference images but 1 distorted", Assert.Throws<IqaException>(() => lpips.ScoreBatch([image, image], [image])).Message);
    }

    [Fact]
    public void OverMemoryLimitEvenInTiles()
    {
        // 150 B/px x 2^20 px = 150 MiB whole; 10 MiB holds a tile of 264 px square, less than a 64 px core plus two halos.
        using var lpips = DeepMetric.Open(DeepModels.Lpips, new DeepMetricOptions { MemoryLimitBytes = 10 << 20 });
        var image = TestImages.Random(1024, 1024, 3, 1);
        Assert.Contains("needs about 150 MiB, more than the bound of 10 MiB", Assert.Throws<IqaException>(() => lpips.Score(image, image)).Message);
    }

    [Fact]
    public void TilesForAMetricThatCannotBeTiled()
    {
        string path = new TinyOnnxModel { Output = "dists" }.WriteTo(_dir.Path);
        var e = Assert.Throws<IqaException>(() => DeepMetric.Open(DeepModels.Dists, new DeepMetricOptions { ModelPath = path, TileSize = 256 }));
        Assert.Contains("dists cannot be scored in tiles", e.Message);
    }

    [Theory]
    [InlineData(48)]
    [InlineData(100)]
    public void BadTileSize(int tile) =>
        Assert.Contains($"tile size must be a multiple of 16 of at least 64, got {tile}",
            Assert.Throws<IqaException>(() => DeepMetric.Open(DeepModels.Lpips, new DeepMetricOptions { TileSize = tile })).Message);
}
