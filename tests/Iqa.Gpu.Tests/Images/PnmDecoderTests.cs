using Iqa.Gpu.Images;

namespace Iqa.Gpu.Tests.Images;

/// <summary>Binary PGM/PPM decode to exactly the samples a PNG of the same samples gives; what is refused, and why.</summary>
public sealed class PnmDecoderTests : IDisposable
{
    private readonly TempDirectory _images = new();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void SixteenBitPnmEqualsSixteenBitPng(int bands)
    {
        // The first sample's high byte is 0x0A, a newline: a reader that skips whitespace after the header loses it.
        var words = Enumerable.Range(0, 23 * 9 * bands).Select(i => (ushort)(i == 0 ? 0x0A20 : i * 2897 % 65536)).ToArray();
        var fromPnm = ImageDecoder.Decode(_images.Write(bands == 1 ? "g.pgm" : "c.ppm", ImageBytes.Pnm(23, 9, bands, words, 65535, "# comment\n")));
        var fromPng = ImageDecoder.Decode(_images.WritePng16("same.png", words, 23, 9, bands));
        Assert.Equal((fromPng.Width, fromPng.Height, fromPng.Bands, fromPng.BitDepth), (fromPnm.Width, fromPnm.Height, fromPnm.Bands, fromPnm.BitDepth));
        Assert.Equal(16, fromPnm.BitDepth);
        Assert.Equal(words, fromPnm.Words);
        Assert.Equal(fromPng.Words, fromPnm.Words);
    }

    [Fact]
    public void EightBitPgmIsExact()
    {
        var gray = TestImages.Pattern(17, 8, 1, seed: 9);
        gray[0] = (byte)' ';
        var decoded = ImageDecoder.Decode(_images.Write("g8.pgm", ImageBytes.Pnm(17, 8, 1, [.. gray.Select(b => (ushort)b)], 255)));
        Assert.Equal((1, 8), (decoded.Bands, decoded.BitDepth));
        Assert.Equal(gray, decoded.Bytes);
    }

    [Fact]
    public void BitmapDecodesToBlackAndWhite()
    {
        // 10 pixels a row: two bytes, the last 6 bits padding; 1 is black.
        byte[] file = [.. "P4\n10 2\n"u8, 0b1010_0000, 0b1100_0000, 0b0000_0000, 0b0100_0000];
        var decoded = ImageDecoder.Decode(_images.Write("b.pbm", file));
        byte[] expected = [0, 255, 0, 255, 255, 255, 255, 255, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0];
        Assert.Equal(expected, decoded.Bytes);
    }

    [Theory]
    [InlineData("P5\n4 2\n1023\n", "maxval 1023 is not supported")]
    [InlineData("P2\n4 2\n255\n1 2 3 4 5 6 7 8\n", "plain (ASCII) P2")]
    [InlineData("P5\n4 2\n255\n\x01\x02\x03", "truncated pixel data (row 1 of 2)")]
    [InlineData("P5\n4 0\n255\n", "height is 0")]
    [InlineData("P5\n4 99999999999\n255\n", "height is too large")]
    [InlineData("P5\n4 2", "header ends after the height")]
    [InlineData("P6\n4 x 2\n255\n", "height expected")]
    public void BadFilesAreRefused(string content, string reason)
    {
        string path = _images.Write("bad.pgm", [.. content.Select(c => (byte)c)]);
        var message = Assert.Throws<IqaException>(() => ImageDecoder.Decode(path)).Message;
        Assert.Contains(path, message);
        Assert.Contains(reason, message);
    }

    [Fact]
    public void SeveralImagesInOneFileAreRefused()
    {
        var one = ImageBytes.Pnm(2, 2, 1, [1, 2, 3, 4], 255);
        string path = _images.Write("two.pgm", [.. one, .. one]);
        Assert.Contains("several images", Assert.Throws<IqaException>(() => ImageDecoder.Decode(path)).Message);
    }

    [Fact]
    public void PixelLimitIsCheckedFromTheHeader()
    {
        string path = _images.Write("big.pgm", [.. "P5\n30000 30000\n255\n"u8]);
        Assert.Contains("exceeds the limit", Assert.Throws<IqaException>(() => ImageDecoder.Decode(path, maxPixels: 1 << 20)).Message);
    }

    public void Dispose() => _images.Dispose();
}
