using Iqa.Gpu.Images;
using NetVips;

namespace Iqa.Gpu.Tests.Images;

/// <summary>Every supported format decodes to the exact stored samples (lossless formats), with the right layout.</summary>
public sealed class ImageDecoderTests : IDisposable
{
    private readonly TempDirectory _images = new();

    [Theory]
    [InlineData(".png", 3)]
    [InlineData(".png", 4)]
    [InlineData(".png", 1)]
    [InlineData(".tif", 3)]
    [InlineData(".webp", 3)]
    public void LosslessFormatsRoundTripExactly(string extension, int bands)
    {
        var data = TestImages.Pattern(37, 23, bands, seed: 4);
        string path = _images.File("img" + bands + extension);
        using (var image = Image.NewFromMemory(data, 37, 23, bands, Enums.BandFormat.Uchar))
            image.WriteToFile(path + (extension == ".webp" ? "[lossless]" : ""));
        var decoded = ImageDecoder.Decode(path);
        Assert.Equal((37, 23, bands, 8), (decoded.Width, decoded.Height, decoded.Bands, decoded.BitDepth));
        Assert.Equal(data, decoded.Bytes);
    }

    [Fact]
    public void SixteenBitPngIsExact()
    {
        var words = Enumerable.Range(0, 31 * 17).Select(i => (ushort)(i * 127 % 65536)).ToArray();
        var decoded = ImageDecoder.Decode(_images.WritePng16("g16.png", words, 31, 17, 1));
        Assert.Equal(16, decoded.BitDepth);
        Assert.Equal(65535.0, decoded.MaxValue);
        Assert.Equal(words, decoded.Words);
    }

    [Fact]
    public void JpegDecodesAsEightBitRgb()
    {
        string path = _images.File("img.jpg");
        using (var image = Image.NewFromMemory(TestImages.Pattern(40, 30, 3, seed: 1), 40, 30, 3, Enums.BandFormat.Uchar))
            image.WriteToFile(path);
        var decoded = ImageDecoder.Decode(path);
        Assert.Equal((40, 30, 3, 8), (decoded.Width, decoded.Height, decoded.Bands, decoded.BitDepth));
    }

    [Theory]
    [InlineData(24, false)]
    [InlineData(24, true)]
    [InlineData(32, false)]
    [InlineData(32, true)]
    public void BmpTrueColourIsExact(int bpp, bool topDown)
    {
        var rgb = TestImages.Pattern(13, 7, 3, seed: 2);
        var decoded = ImageDecoder.Decode(_images.Write("t.bmp", ImageBytes.BmpTrueColour(13, 7, rgb, bpp, topDown)));
        Assert.Equal((13, 7, 3, 8), (decoded.Width, decoded.Height, decoded.Bands, decoded.BitDepth));
        Assert.Equal(rgb, decoded.Bytes);
    }

    [Theory]
    [InlineData(16, 8, 0)]
    [InlineData(0, 8, 16)]
    public void BmpBitFieldsAreExact(int redShift, int greenShift, int blueShift)
    {
        var rgb = TestImages.Pattern(11, 6, 3, seed: 5);
        var decoded = ImageDecoder.Decode(_images.Write("f.bmp", ImageBytes.BmpBitFields(11, 6, rgb, redShift, greenShift, blueShift)));
        Assert.Equal(3, decoded.Bands);
        Assert.Equal(rgb, decoded.Bytes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BmpGrayPaletteGivesGray(bool rle8)
    {
        var gray = TestImages.Pattern(9, 5, 1, seed: 3, noise: rle8 ? 0 : 20); // smooth rows make real runs
        var decoded = ImageDecoder.Decode(_images.Write("p.bmp", ImageBytes.BmpPalette8(9, 5, gray, ImageBytes.GrayPalette, rle8)));
        Assert.Equal(1, decoded.Bands);
        Assert.Equal(gray, decoded.Bytes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BmpColourPaletteGivesRgb(bool rle8)
    {
        var indices = TestImages.Pattern(10, 4, 1, seed: 6).Select(v => (byte)(v % 16)).ToArray();
        var palette = Enumerable.Range(0, 16).Select(i => ((byte)(i * 16), (byte)(255 - i * 9), (byte)(i * i))).ToArray();
        var decoded = ImageDecoder.Decode(_images.Write("c.bmp", ImageBytes.BmpPalette8(10, 4, indices, palette, rle8)));
        Assert.Equal(3, decoded.Bands);
        Assert.Equal(indices.SelectMany(i => new[] { palette[i].Item1, palette[i].Item2, palette[i].Item3 }).ToArray(), decoded.Bytes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void TgaIsExact(int bands)
    {
        var samples = TestImages.Pattern(12, 5, bands, seed: 7);
        var decoded = ImageDecoder.Decode(_images.Write("t.tga", ImageBytes.Tga(12, 5, bands, samples)));
        Assert.Equal((12, 5, bands, 8), (decoded.Width, decoded.Height, decoded.Bands, decoded.BitDepth));
        Assert.Equal(samples, decoded.Bytes);
    }

    /// <summary>
    /// ImageSharp 2.1 divides by a BMP's bits per pixel in unsafe code (0 crashed the test host with an access
    /// violation once the method was optimized) and decodes other odd depths to black: they never reach it.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(12)]
    [InlineData(64)]
    public void BmpWithAnUnusualDepthIsRefused(int bpp)
    {
        var file = ImageBytes.BmpTrueColour(8, 8, TestImages.Pattern(8, 8, 3, seed: 1), 24);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(28), (ushort)bpp);
        string path = _images.Write("odd.bmp", file);
        Assert.Contains($"{bpp} bits per pixel is not supported", Assert.Throws<IqaException>(() => ImageDecoder.Decode(path)).Message);
    }

    /// <summary>A colour table shorter than the colours the header announces would be read past its end.</summary>
    [Fact]
    public void BmpColourTableMustFitBeforeThePixels()
    {
        var file = ImageBytes.BmpPalette8(8, 8, new byte[64], ImageBytes.GrayPalette[..2]);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(ImageBytes.BmpColoursUsedOffset), 200);
        string path = _images.Write("short.bmp", file);
        Assert.Contains("colour table of 200 entries", Assert.Throws<IqaException>(() => ImageDecoder.Decode(path)).Message);
    }

    [Theory]
    [InlineData("t.bmp")]
    [InlineData("t.tga")]
    public void TruncatedPixelDataIsAnError(string name)
    {
        var rgb = TestImages.Pattern(20, 10, 3, seed: 8);
        var file = name.EndsWith(".bmp") ? ImageBytes.BmpTrueColour(20, 10, rgb, 24) : ImageBytes.Tga(20, 10, 3, rgb);
        string path = _images.Write(name, file[..^7]);
        Assert.Contains("truncated", Assert.Throws<IqaException>(() => ImageDecoder.Decode(path)).Message);
    }

    public void Dispose() => _images.Dispose();
}
