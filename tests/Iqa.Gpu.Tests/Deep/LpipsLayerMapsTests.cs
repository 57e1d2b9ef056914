using Iqa.Gpu.Metrics.Deep;

namespace Iqa.Gpu.Tests.Deep;

public class LpipsLayerMapsTests
{
    /// <summary>One map per LPIPS layer: 5 for AlexNet and 7 for SqueezeNet (self.chns in lpips/lpips.py).</summary>
    [Theory]
    [InlineData("lpips", 5)]
    [InlineData("lpips-squeeze", 7)]
    public void BundledModels_ExposeOneMapPerLayer(string metric, int layers)
    {
        DeepModelDescriptor model = DeepModels.Find(metric);
        var (rewritten, maps) = LpipsLayerMaps.Expose(File.ReadAllBytes(model.BundledPath!), model.OutputName);
        Assert.Equal(layers, maps.Distinct().Count());
        Assert.True(rewritten.Length > new FileInfo(model.BundledPath!).Length);
    }

    [Fact]
    public void UnknownScoreOutput_IsAFormatError() =>
        Assert.Throws<FormatException>(() => LpipsLayerMaps.Expose(new TinyOnnxModel().Encode(), "lpips"));

    [Fact]
    public void NotAModel_IsAFormatError() =>
        Assert.Throws<FormatException>(() => LpipsLayerMaps.Expose([0x0a, 0x05, 0x01], "lpips"));
}
