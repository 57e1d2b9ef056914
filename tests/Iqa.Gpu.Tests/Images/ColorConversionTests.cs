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

    /// <summary>
    /// Every 8-bit colour (a 4096x4096 image holding all 2^24) against the formulas evaluated here directly in double:
    /// the vectorized and scalar paths must reproduce each value bit for bit, RGB and RGBA layouts alike.
    /// </summary>
    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void EveryEightBitColourMatchesTheFormulas(int bands)
    {
        const int side = 4096;
        var samples = new byte[side * side * bands];
        for (int i = 0; i < side * side; i++)
        {
            samples[i * bands] = (byte)(i >> 16);
            samples[i * bands + 1] = (byte)(i >> 8);
            samples[i * bands + 2] = (byte)i;
        }
        var image = new DecodedImage(side, side, bands, samples);
        var gray = ColorConversion.ToPlanes(image, ColorMode.Gray, 1, 0)[0].Data;
        var luma = ColorConversion.ToPlanes(image, ColorMode.Luma, 1, 0)[0].Data;
        var y = ColorConversion.ToPlanes(image, ColorMode.Y, 1 / 255.0, -0.5)[0].Data;
        for (int i = 0; i < side * side; i++)
        {
            double r = i >> 16, g = (i >> 8) & 255, b = i & 255;
            float expectedGray = (float)Math.Round(0.298936021293775 * r + 0.587043074451121 * g + 0.114020904255103 * b, MidpointRounding.AwayFromZero);
            float expectedLuma = (float)Math.Round(0.299 * r + 0.587 * g + 0.114 * b, MidpointRounding.ToEven);
            float expectedY = (float)((16.0 + 65.481 * (r / 255) + 128.553 * (g / 255) + 24.966 * (b / 255)) * (255.0 / 255.0) * (1 / 255.0) - 0.5);
            if (gray[i] != expectedGray || luma[i] != expectedLuma || y[i] != expectedY)
                Assert.Fail($"RGB ({r}, {g}, {b}): gray {gray[i]} vs {expectedGray}, luma {luma[i]} vs {expectedLuma}, y {y[i]:R} vs {expectedY:R}");
        }
    }

    [Fact]
    public void NormalizationIsAppliedOnce()
    {
        var image = new DecodedImage(2, 1, 1, new ushort[] { 0, 65535 });
        var plane = ColorConversion.ToPlanes(image, ColorMode.Gray, 1 / 65535.0, -0.5)[0];
        Assert.Equal([-0.5f, 0.5f], plane.Data);
    }
}
