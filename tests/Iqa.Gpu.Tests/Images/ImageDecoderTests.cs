using System.Buffers.Binary;
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
    public void BmpTrueColourIsExact(int bpp, bool topDown)
    {
        var rgb = TestImages.Pattern(13, 7, 3, seed: 2);
        var decoded = ImageDecoder.Decode(WriteBmp("t.bmp", 13, 7, bpp, topDown, rgb, palette: null));
        Assert.Equal(3, decoded.Bands);
        Assert.Equal(rgb, decoded.Bytes);
    }

    [Fact]
    public void BmpGrayPaletteGivesGray()
    {
        var gray = TestImages.Pattern(9, 5, 1, seed: 3);
        var palette = Enumerable.Range(0, 256).Select(i => ((byte)i, (byte)i, (byte)i)).ToArray();
        var decoded = ImageDecoder.Decode(WriteBmp("p.bmp", 9, 5, 8, false, gray, palette));
        Assert.Equal(1, decoded.Bands);
        Assert.Equal(gray, decoded.Bytes);
    }

    /// <summary>A minimal BITMAPINFOHEADER writer: rows padded to 4 bytes, BGR(X) order, optional colour table.</summary>
    private string WriteBmp(string name, int w, int h, int bpp, bool topDown, byte[] samples, (byte R, byte G, byte B)[]? palette)
    {
        int stride = (w * bpp + 31) / 32 * 4, tableBytes = (palette?.Length ?? 0) * 4, offset = 54 + tableBytes;
        var file = new byte[offset + stride * h];
        file[0] = (byte)'B';
        file[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), offset);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), w);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), topDown ? -h : h);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(28), (short)bpp);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(46), palette?.Length ?? 0);
        for (int i = 0; i < (palette?.Length ?? 0); i++)
            (file[54 + 4 * i], file[55 + 4 * i], file[56 + 4 * i]) = (palette![i].B, palette[i].G, palette[i].R);
        for (int y = 0; y < h; y++)
        {
            int row = offset + (topDown ? y : h - 1 - y) * stride;
            for (int x = 0; x < w; x++)
            {
                if (palette is not null)
                    file[row + x] = samples[y * w + x];
                else
                {
                    int o = row + x * bpp / 8, s = (y * w + x) * 3;
                    (file[o], file[o + 1], file[o + 2]) = (samples[s + 2], samples[s + 1], samples[s]);
                }
            }
        }
        string path = _images.File(name);
        File.WriteAllBytes(path, file);
        return path;
    }

    public void Dispose() => _images.Dispose();
}
