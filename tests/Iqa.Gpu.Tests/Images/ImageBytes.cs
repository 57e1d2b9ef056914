using System.Buffers.Binary;
using System.Text;

namespace Iqa.Gpu.Tests.Images;

/// <summary>
/// BMP, binary PNM and TGA files written byte by byte from the specifications, so a test knows every stored
/// sample independently of the decoders (and the fuzz suite has seeds whose fields sit at known offsets).
/// </summary>
public static class ImageBytes
{
    /// <summary>Offsets in a BMP with a BITMAPINFOHEADER, for tests that corrupt one field.</summary>
    public const int BmpHeaderSizeOffset = 14, BmpColoursUsedOffset = 46, BmpInfoHeaderEnd = 54;

    /// <summary>24- or 32-bit BI_RGB; <paramref name="rgb"/> interleaved, top row first.</summary>
    public static byte[] BmpTrueColour(int w, int h, byte[] rgb, int bpp, bool topDown = false)
    {
        int stride = Stride(w, bpp);
        var pixels = new byte[stride * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int o = Row(y, h, topDown) * stride + x * bpp / 8, s = (y * w + x) * 3;
                (pixels[o], pixels[o + 1], pixels[o + 2]) = (rgb[s + 2], rgb[s + 1], rgb[s]);
            }
        return Bmp(w, topDown ? -h : h, bpp, compression: 0, [], palette: [], pixels);
    }

    /// <summary>32-bit BI_BITFIELDS with 8-bit masks at the given bit shifts (a V1 header followed by the three masks).</summary>
    public static byte[] BmpBitFields(int w, int h, byte[] rgb, int redShift, int greenShift, int blueShift)
    {
        var pixels = new byte[w * h * 4];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int s = (y * w + x) * 3;
                uint value = (uint)rgb[s] << redShift | (uint)rgb[s + 1] << greenShift | (uint)rgb[s + 2] << blueShift;
                BinaryPrimitives.WriteUInt32LittleEndian(pixels.AsSpan((Row(y, h, false) * w + x) * 4), value);
            }
        var masks = new byte[12];
        BinaryPrimitives.WriteUInt32LittleEndian(masks, 0xFFu << redShift);
        BinaryPrimitives.WriteUInt32LittleEndian(masks.AsSpan(4), 0xFFu << greenShift);
        BinaryPrimitives.WriteUInt32LittleEndian(masks.AsSpan(8), 0xFFu << blueShift);
        return Bmp(w, h, 32, compression: 3, masks, palette: [], pixels);
    }

    /// <summary>8-bit palette, uncompressed or RLE8 (encoded runs only: count, index; end of line; end of bitmap).</summary>
    public static byte[] BmpPalette8(int w, int h, byte[] indices, (byte R, byte G, byte B)[] palette, bool rle8 = false)
    {
        var pixels = new List<byte>();
        for (int row = h - 1; row >= 0; row--)
        {
            var line = indices.AsSpan(row * w, w);
            if (!rle8)
            {
                pixels.AddRange(line.ToArray());
                pixels.AddRange(new byte[Stride(w, 8) - w]);
                continue;
            }
            for (int x = 0; x < w;)
            {
                int run = 1;
                while (x + run < w && run < 255 && line[x + run] == line[x])
                    run++;
                pixels.Add((byte)run);
                pixels.Add(line[x]);
                x += run;
            }
            pixels.AddRange(row == 0 ? [0, 1] : [0, 0]);
        }
        return Bmp(w, h, 8, compression: rle8 ? 1 : 0, [], palette, [.. pixels]);
    }

    public static (byte R, byte G, byte B)[] GrayPalette { get; } = [.. Enumerable.Range(0, 256).Select(i => ((byte)i, (byte)i, (byte)i))];

    /// <summary>Binary PGM (one band) or PPM (three bands), maxval 255 or 65535, 16-bit samples big-endian.</summary>
    public static byte[] Pnm(int w, int h, int bands, ushort[] samples, int maxValue, string comment = "")
    {
        var file = new List<byte>(Encoding.ASCII.GetBytes($"P{(bands == 1 ? 5 : 6)}\n{comment}{w} {h}\n{maxValue}\n"));
        foreach (ushort s in samples)
        {
            if (maxValue > 255)
                file.Add((byte)(s >> 8));
            file.Add((byte)s);
        }
        return [.. file];
    }

    /// <summary>Uncompressed TGA, top-left origin: gray (type 3, 8 bits) or true colour (type 2, 24 bits, BGR).</summary>
    public static byte[] Tga(int w, int h, int bands, byte[] samples)
    {
        var file = new byte[18 + samples.Length];
        file[2] = (byte)(bands == 1 ? 3 : 2);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(12), (ushort)w);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(14), (ushort)h);
        file[16] = (byte)(8 * bands);
        file[17] = 0x20; // origin at the top left
        for (int i = 0; i < samples.Length; i += bands)
            for (int b = 0; b < bands; b++)
                file[18 + i + b] = samples[i + bands - 1 - b];
        return file;
    }

    private static int Stride(int w, int bpp) => (w * bpp + 31) / 32 * 4;

    private static int Row(int y, int h, bool topDown) => topDown ? y : h - 1 - y;

    /// <summary>File header, BITMAPINFOHEADER (40 bytes), then masks, colour table (BGRX) and pixels.</summary>
    private static byte[] Bmp(int w, int signedHeight, int bpp, int compression, byte[] masks, (byte R, byte G, byte B)[] palette, byte[] pixels)
    {
        int offset = BmpInfoHeaderEnd + masks.Length + 4 * palette.Length;
        var file = new byte[offset + pixels.Length];
        file[0] = (byte)'B';
        file[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), offset);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(BmpHeaderSizeOffset), 40);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), w);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), signedHeight);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(28), (short)bpp);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(30), compression);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(34), pixels.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(BmpColoursUsedOffset), palette.Length);
        masks.CopyTo(file, BmpInfoHeaderEnd);
        for (int i = 0; i < palette.Length; i++)
        {
            int o = BmpInfoHeaderEnd + masks.Length + 4 * i;
            (file[o], file[o + 1], file[o + 2]) = (palette[i].B, palette[i].G, palette[i].R);
        }
        pixels.CopyTo(file, offset);
        return file;
    }
}
