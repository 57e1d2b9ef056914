using Iqa.Gpu.Images;

namespace Iqa.Gpu.Tests.Images;

/// <summary>Colour conversions on single pixels, against values worked out from the formulas by hand.</summary>
public sealed class ColorConversionTests
{
    private static float Convert(ColorMode mode, params byte[] rgb) =>
        ColorConversion.ToPlanes(new DecodedImage(1, 1, rgb.Length, rgb), mode, 1, 0)[0].Data[0];

    [Theory]
    [InlineData(255, 0, 0, 76)] // 76.228685429912625 -> 76
    [InlineData(0, 255, 0, 150)] // 149.69610097 -> 150
    [InlineData(0, 0, 255, 29)] // 29.07525304 -> 29
    [InlineData(10, 200, 30, 124)] // 2.98936 + 117.40862 + 3.42063 = 123.81861 -> 124
    public void GrayIsMatlabRgb2grayRounded(byte r, byte g, byte b, float expected) =>
        Assert.Equal(expected, Convert(ColorMode.Gray, r, g, b));

    [Theory]
    [InlineData(255, 0, 0, 76)] // 76.245 -> 76
    [InlineData(0, 0, 255, 29)] // 29.07 -> 29
    [InlineData(100, 100, 100, 100)]
    public void LumaIsRoundedRec601(byte r, byte g, byte b, float expected) =>
        Assert.Equal(expected, Convert(ColorMode.Luma, r, g, b));

    [Fact]
    public void YIsStudioRangeAndUnrounded()
    {
        Assert.Equal(16f, Convert(ColorMode.Y, 0, 0, 0));
        Assert.Equal(235f, Convert(ColorMode.Y, 255, 255, 255), 4);
        Assert.Equal((float)(16 + 65.481 * 200 / 255 + 128.553 * 100 / 255 + 24.966 * 50 / 255), Convert(ColorMode.Y, 200, 100, 50), 4);
    }

    [Fact]
    public void AlphaIsIgnoredAndGrayPassesThrough()
    {
        Assert.Equal(Convert(ColorMode.Gray, 10, 200, 30), Convert(ColorMode.Gray, 10, 200, 30, 7));
        Assert.Equal(77f, Convert(ColorMode.Y, 77, 255)); // gray + alpha: the gray sample, unconverted
    }

    [Fact]
    public void NormalizationIsAppliedOnce()
    {
        var image = new DecodedImage(2, 1, 1, new ushort[] { 0, 65535 });
        var plane = ColorConversion.ToPlanes(image, ColorMode.Gray, 1 / 65535.0, -0.5)[0];
        Assert.Equal([-0.5f, 0.5f], plane.Data);
    }
}
