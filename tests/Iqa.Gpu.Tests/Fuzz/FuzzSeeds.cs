using System.Buffers.Binary;
using System.Text;
using Iqa.Gpu.Tests.Images;
using Iqa.Gpu.Tests.Video;
using Iqa.Gpu.Video;
using NetVips;

namespace Iqa.Gpu.Tests.Fuzz;

/// <summary>
/// Small valid files of every format the engine reads, built the same way on every run (libvips' encoders for
/// PNG, JPEG, TIFF, WebP and GIF; byte writers for BMP, TGA, PNM and Y4M), with their structure located.
/// </summary>
public static class FuzzSeeds
{
    private const int W = 24, H = 20;

    public static List<FuzzSeed> Images(TempDirectory scratch)
    {
        var rgb = TestImages.Pattern(W, H, 3, seed: 21);
        var gray = TestImages.Pattern(W, H, 1, seed: 22);
        var rgba = TestImages.Pattern(W, H, 4, seed: 23);
        var words = gray.Select((b, i) => (ushort)(b * 257 + i)).ToArray();
        var words3 = rgb.Select((b, i) => (ushort)(b * 251 + i)).ToArray();
        var seeds = new List<FuzzSeed>
        {
            Png("gray8.png", Vips(scratch, "gray8.png", gray, 1)),
            Png("rgb8.png", Vips(scratch, "rgb8.png", rgb, 3)),
            Png("rgba8.png", Vips(scratch, "rgba8.png", rgba, 4)),
            Png("gray16.png", File.ReadAllBytes(scratch.WritePng16("gray16.png", words, W, H, 1))),
            Png("rgb16.png", File.ReadAllBytes(scratch.WritePng16("rgb16.png", words3, W, H, 3))),
            Png("palette.png", Vips(scratch, "palette.png[palette]", rgb, 3)),
            Jpeg("rgb.jpg", Vips(scratch, "rgb.jpg", rgb, 3)),
            Jpeg("gray.jpg", Vips(scratch, "gray.jpg", gray, 1)),
            Tiff("rgb.tif", Vips(scratch, "rgb.tif", rgb, 3)),
            Tiff("gray16.tif", File.ReadAllBytes(scratch.WritePng16("gray16.tif", words, W, H, 1))),
            Riff("lossless.webp", Vips(scratch, "lossless.webp[lossless]", rgb, 3)),
            Riff("lossy.webp", Vips(scratch, "lossy.webp", rgb, 3)),
            Gif("still.gif", Vips(scratch, "still.gif", rgb, 3)),
            Bmp("rgb24.bmp", ImageBytes.BmpTrueColour(W, H, rgb, 24)),
            Bmp("palette.bmp", ImageBytes.BmpPalette8(W, H, gray, ImageBytes.GrayPalette)),
            Bmp("rle8.bmp", ImageBytes.BmpPalette8(W, H, gray.Select(v => (byte)(v / 32 * 32)).ToArray(), ImageBytes.GrayPalette, rle8: true)),
            Bmp("fields.bmp", ImageBytes.BmpBitFields(W, H, rgb, 16, 8, 0)),
            new("rgb.tga", ImageBytes.Tga(W, H, 3, rgb), [18], [0, 8, 12, 16], []),
            Pnm("gray8.pgm", ImageBytes.Pnm(W, H, 1, [.. gray.Select(b => (ushort)b)], 255)),
            Pnm("gray16.pgm", ImageBytes.Pnm(W, H, 1, words, 65535)),
            Pnm("rgb8.ppm", ImageBytes.Pnm(W, H, 3, [.. rgb.Select(b => (ushort)b)], 255)),
            Pnm("rgb16.ppm", ImageBytes.Pnm(W, H, 3, words3, 65535)),
        };
        return seeds;
    }

    /// <summary>Two 16x16 4:2:0 frames: the header's tags and each FRAME line are fields and boundaries.</summary>
    public static FuzzSeed Y4m()
    {
        var bytes = TestClip.Random(16, 16, VideoPixelFormat.Parse("yuv420p"), frames: 2, seed: 5).ToY4m();
        var text = Encoding.Latin1.GetString(bytes);
        int headerEnd = text.IndexOf('\n') + 1;
        var frames = Occurrences(text, "FRAME").ToList();
        var tags = new[] { " W", " H", " F", " C" }.Select(t => text.IndexOf(t, StringComparison.Ordinal) + 2).ToArray();
        return new("clip.y4m", bytes, [headerEnd, .. frames, .. frames.Select(f => f + 6)], [], tags);
    }

    private static byte[] Vips(TempDirectory scratch, string name, byte[] samples, int bands)
    {
        using var image = Image.NewFromMemory(samples, W, H, bands, Enums.BandFormat.Uchar);
        string path = scratch.File(name.Split('[')[0]);
        image.WriteToFile(scratch.File(name));
        return File.ReadAllBytes(path);
    }

    private static FuzzSeed Png(string name, byte[] png)
    {
        var chunks = PngChunks.Read(png);
        return new(name, png, [PngChunks.SignatureLength, .. chunks.Select(c => c.Offset), .. chunks.Select(c => c.DataOffset)],
            [16, 20, 24, .. chunks.Select(c => c.Offset)], [], IsPng: true);
    }

    /// <summary>Markers (0xFF, then a code that is not a stuffed byte or a restart); SOF's height and width.</summary>
    private static FuzzSeed Jpeg(string name, byte[] jpeg)
    {
        var markers = Enumerable.Range(0, jpeg.Length - 1)
            .Where(i => jpeg[i] == 0xFF && jpeg[i + 1] is not (0x00 or 0xFF) and not (>= 0xD0 and <= 0xD7)).ToArray();
        var frame = markers.Where(i => jpeg[i + 1] is 0xC0 or 0xC1 or 0xC2).Select(i => i + 5);
        return new(name, jpeg, markers, [.. frame, .. markers.Select(i => i + 2)], []);
    }

    /// <summary>The header, the first IFD and its first eight entries' counts and values (tag, type, count, value: 12 bytes).</summary>
    private static FuzzSeed Tiff(string name, byte[] tiff)
    {
        int ifd = (int)BinaryPrimitives.ReadUInt32LittleEndian(tiff.AsSpan(4));
        var entries = Enumerable.Range(0, 8).Select(k => ifd + 2 + 12 * k).Where(e => e + 12 <= tiff.Length).ToList();
        return new(name, tiff, [8, ifd, .. entries], [4, ifd, .. entries.Select(e => e + 4), .. entries.Select(e => e + 8)], []);
    }

    /// <summary>RIFF chunks (four-character code, little-endian size, data padded to even).</summary>
    private static FuzzSeed Riff(string name, byte[] riff)
    {
        var chunks = new List<int>();
        for (int at = 12; at + 8 <= riff.Length; at += 8 + (int)((BinaryPrimitives.ReadUInt32LittleEndian(riff.AsSpan(at + 4)) + 1) & ~1u))
            chunks.Add(at);
        return new(name, riff, [12, .. chunks, .. chunks.Select(c => c + 8)], [4, .. chunks.Select(c => c + 4), .. chunks.Select(c => c + 8)], []);
    }

    /// <summary>Logical screen, colour table, then the blocks: image separators (',') and extensions ('!').</summary>
    private static FuzzSeed Gif(string name, byte[] gif)
    {
        int table = (gif[10] & 0x80) != 0 ? 3 << ((gif[10] & 7) + 1) : 0;
        int blocks = 13 + table;
        var separators = Enumerable.Range(blocks, gif.Length - blocks).Where(i => gif[i] is (byte)',' or (byte)'!').Take(8).ToList();
        return new(name, gif, [6, 13, blocks, .. separators], [6, .. separators.Select(s => s + 1), .. separators.Select(s => s + 5)], []);
    }

    private static FuzzSeed Bmp(string name, byte[] bmp)
    {
        int data = BinaryPrimitives.ReadInt32LittleEndian(bmp.AsSpan(10));
        return new(name, bmp, [14, ImageBytes.BmpInfoHeaderEnd, data], [2, 10, 14, 18, 22, 26, 28, 30, 34, 46, 50], []);
    }

    /// <summary>The header's numbers (width, height, maxval) are text fields; the raster starts after it.</summary>
    private static FuzzSeed Pnm(string name, byte[] pnm)
    {
        var numbers = new List<int>();
        int at = 2;
        for (int k = 0; k < 3; k++)
        {
            while (pnm[at] is not (>= (byte)'0' and <= (byte)'9'))
                at++;
            numbers.Add(at);
            while (pnm[at] is >= (byte)'0' and <= (byte)'9')
                at++;
        }
        return new(name, pnm, [at + 1], [], [.. numbers]);
    }

    private static IEnumerable<int> Occurrences(string text, string value)
    {
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
            yield return at;
    }
}
