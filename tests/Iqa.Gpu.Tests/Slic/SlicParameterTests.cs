using Iqa.Gpu.Images;
using Iqa.Gpu.Slic;

namespace Iqa.Gpu.Tests.Slic;

public sealed class SlicParameterTests
{
    private static readonly DecodedImage Small = new(8, 6, 3, new byte[8 * 6 * 3]);

    [Fact]
    public void DefaultsAreScikitImages()
    {
        var p = new SlicParameters();
        Assert.Equal((100, 10.0, 10, true, 0.5, 3.0, 1),
            (p.Segments, p.Compactness, p.MaxIterations, p.EnforceConnectivity, p.MinSizeFactor, p.MaxSizeFactor, p.StartLabel));
    }

    [Theory]
    [InlineData("segments", 0, 10.0, 10, 0.5, 3.0, 1)]
    [InlineData("segments", -5, 10.0, 10, 0.5, 3.0, 1)]
    [InlineData("compactness", 100, 0.0, 10, 0.5, 3.0, 1)]
    [InlineData("compactness", 100, -1.0, 10, 0.5, 3.0, 1)]
    [InlineData("compactness", 100, double.NaN, 10, 0.5, 3.0, 1)]
    [InlineData("compactness", 100, double.PositiveInfinity, 10, 0.5, 3.0, 1)]
    [InlineData("iterations", 100, 10.0, 0, 0.5, 3.0, 1)]
    [InlineData("min size factor", 100, 10.0, 10, -0.1, 3.0, 1)]
    [InlineData("min size factor", 100, 10.0, 10, double.NaN, 3.0, 1)]
    [InlineData("max size factor", 100, 10.0, 10, 0.5, 0.0, 1)]
    [InlineData("max size factor", 100, 10.0, 10, 0.5, double.PositiveInfinity, 1)]
    [InlineData("start label", 100, 10.0, 10, 0.5, 3.0, 2)]
    [InlineData("start label", 100, 10.0, 10, 0.5, 3.0, -1)]
    public void BadValueIsOneClearError(string name, int segments, double compactness, int iterations, double minFactor,
        double maxFactor, int startLabel)
    {
        var p = new SlicParameters
        {
            Segments = segments, Compactness = compactness, MaxIterations = iterations, MinSizeFactor = minFactor,
            MaxSizeFactor = maxFactor, StartLabel = startLabel,
        };
        var e = Assert.Throws<IqaException>(() => SlicSegmentation.Segment(Small, p));
        Assert.StartsWith($"slic: {name} must be", e.Message);
    }

    [Fact]
    public void MaxSizeBelowOnePixelIsRefused()
    {
        var e = Assert.Throws<IqaException>(() => SlicSegmentation.Segment(Small, new SlicParameters { Segments = 48, MaxSizeFactor = 0.5 }));
        Assert.Contains("less than one pixel", e.Message);
    }
}
