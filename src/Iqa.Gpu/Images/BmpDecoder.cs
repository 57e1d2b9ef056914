using System.Buffers.Binary;

namespace Iqa.Gpu.Images;

/// <summary>
/// Windows BMP reader (libvips reads BMP only through ImageMagick, which its bundled build lacks):
/// uncompressed 24- and 32-bit (BI_RGB, or BI_BITFIELDS with the standard masks), and 1/4/8-bit palettes.
/// Bottom-up and top-down rows. A grayscale palette gives a gray image, any other palette RGB (as MATLAB's
/// imread followed by ind2rgb). RLE compression is refused.
/// </summary>
public static class BmpDecoder
{
    public static bool IsBmp(ReadOnlySpan<byte> head) => head.Length >= 2 && head[0] == (byte)'B' && head[1] == (byte)'M';

    public static DecodedImage Decode(byte[] file, string path, long maxPixels)
    {
        if (file.Length < 54)
            throw Bad(path, "truncated header");
        ReadOnlySpan<byte> f = file;
        int dataOffset = BinaryPrimitives.ReadInt32LittleEndian(f[10..]);
        int headerSize = BinaryPrimitives.ReadInt32LittleEndian(f[14..]);
        if (headerSize < 40)
            throw Bad(path, $"unsupported header size {headerSize} (OS/2 bitmaps are not supported)");
        int width = BinaryPrimitives.ReadInt32LittleEndian(f[18..]);
        int rawHeight = BinaryPrimitives.ReadInt32LittleEndian(f[22..]);
        int bpp = BinaryPrimitives.ReadUInt16LittleEndian(f[28..]);
        int compression = BinaryPrimitives.ReadInt32LittleEndian(f[30..]);
        int paletteSize = BinaryPrimitives.ReadInt32LittleEndian(f[46..]);
        bool topDown = rawHeight < 0;
        int height = rawHeight == int.MinValue ? 0 : Math.Abs(rawHeight);
        if (width <= 0 || height <= 0)
            throw Bad(path, $"invalid size {width}x{rawHeight}");
        if ((long)width * height > maxPixels)
            throw new IqaException(
                $"{path}: {width}x{height} = {(long)width * height} pixels exceeds the limit of {maxPixels} (raise it with --max-pixels)");
        const int BiRgb = 0, BiBitfields = 3;
        if (!(compression == BiRgb || (compression == BiBitfields && bpp == 32 && StandardMasks(f, headerSize))))
            throw Bad(path, $"compression {compression} with {bpp} bits per pixel is not supported");
        if (bpp is not (1 or 4 or 8 or 24 or 32))
            throw Bad(path, $"{bpp} bits per pixel is not supported");
        long stride = ((long)width * bpp + 31) / 32 * 4;
        if (dataOffset < 0 || dataOffset + stride * height > file.Length)
            throw Bad(path, "truncated pixel data");

        byte[]? palette = bpp <= 8 ? ReadPalette(f, 14 + headerSize, paletteSize == 0 ? 1 << bpp : paletteSize, dataOffset, path) : null;
        bool gray = palette is not null && IsGrayPalette(palette);
        int bands = gray ? 1 : 3;
        var pixels = new byte[(long)width * height * bands];
        for (int y = 0; y < height; y++)
        {
            int srcRow = topDown ? y : height - 1 - y;
            var row = f.Slice((int)(dataOffset + srcRow * stride), (int)stride);
            var dst = pixels.AsSpan(y * width * bands, width * bands);
            for (int x = 0; x < width; x++)
            {
                if (palette is null)
                {
                    int o = x * (bpp / 8);
                    dst[3 * x] = row[o + 2];
                    dst[3 * x + 1] = row[o + 1];
                    dst[3 * x + 2] = row[o];
                    continue;
                }
                int bit = x * bpp;
                int index = (row[bit >> 3] >> (8 - bpp - (bit & 7))) & ((1 << bpp) - 1);
                if (index * 3 >= palette.Length)
                    throw Bad(path, $"palette index {index} out of range");
                if (gray)
                    dst[x] = palette[3 * index];
                else
                    palette.AsSpan(3 * index, 3).CopyTo(dst.Slice(3 * x, 3));
            }
        }
        return new DecodedImage(width, height, bands, pixels);
    }

    /// <summary>RGB triplets of the colour table (stored as BGRX quads after the info header).</summary>
    private static byte[] ReadPalette(ReadOnlySpan<byte> f, int start, int count, int dataOffset, string path)
    {
        if (count > 256 || start + 4 * count > dataOffset)
            throw Bad(path, "invalid colour table");
        var rgb = new byte[3 * count];
        for (int i = 0; i < count; i++)
        {
            rgb[3 * i] = f[start + 4 * i + 2];
            rgb[3 * i + 1] = f[start + 4 * i + 1];
            rgb[3 * i + 2] = f[start + 4 * i];
        }
        return rgb;
    }

    private static bool IsGrayPalette(byte[] rgb)
    {
        for (int i = 0; i < rgb.Length; i += 3)
            if (rgb[i] != rgb[i + 1] || rgb[i] != rgb[i + 2])
                return false;
        return true;
    }

    private static bool StandardMasks(ReadOnlySpan<byte> f, int headerSize)
    {
        if (f.Length < 66)
            return false;
        uint r = BinaryPrimitives.ReadUInt32LittleEndian(f[54..]), g = BinaryPrimitives.ReadUInt32LittleEndian(f[58..]),
            b = BinaryPrimitives.ReadUInt32LittleEndian(f[62..]);
        return r == 0x00FF0000 && g == 0x0000FF00 && b == 0x000000FF;
    }

    private static IqaException Bad(string path, string why) => new($"{path}: cannot decode BMP ({why})");
}
