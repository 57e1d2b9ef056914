using System.Buffers.Binary;

namespace Iqa.Gpu.Images;

/// <summary>
/// Header checks run before ImageSharp 2.1 sees a BMP or TGA file. Its decoders trust some fields: a BMP with 0 bits
/// per pixel reaches a division by zero in unsafe code (an access violation, which ends the process, once the
/// method is optimized), other unusual depths decode to a black image, and a colour table shorter than its
/// entries is read past its end. Only the layouts the decoders handle pass: fields read at the offsets of the
/// BMP (Microsoft's BITMAPINFOHEADER family and OS/2) and TGA (Truevision 2.0) specifications, nothing decoded.
/// </summary>
internal static class ImageSharpPreflight
{
    /// <summary>The largest BMP header (file header and BITMAPV5HEADER).</summary>
    public const int HeadLength = 14 + 124;

    private static readonly int[] BmpHeaderSizes = [12, 16, 40, 52, 56, 64, 108, 124];

    /// <returns>Why the file is refused, or null.</returns>
    public static string? CheckBmp(ReadOnlySpan<byte> head, long fileLength)
    {
        if (head.Length < 18)
            return "truncated header";
        int dataOffset = BinaryPrimitives.ReadInt32LittleEndian(head[10..]);
        int headerSize = BinaryPrimitives.ReadInt32LittleEndian(head[14..]);
        if (!BmpHeaderSizes.Contains(headerSize))
            return $"unsupported header size {headerSize}";
        if (head.Length < 14 + headerSize)
            return "truncated header";
        bool os2 = headerSize == 12;
        int bitsPerPixel = BinaryPrimitives.ReadUInt16LittleEndian(head[(os2 ? 24 : 28)..]);
        uint compression = headerSize >= 20 ? BinaryPrimitives.ReadUInt32LittleEndian(head[30..]) : 0;
        uint coloursUsed = headerSize >= 36 ? BinaryPrimitives.ReadUInt32LittleEndian(head[46..]) : 0;
        if (bitsPerPixel is not (1 or 2 or 4 or 8 or 16 or 24 or 32))
            return $"{bitsPerPixel} bits per pixel is not supported";
        bool consistent = compression switch
        {
            0 => true,                          // BI_RGB
            1 => bitsPerPixel == 8,             // BI_RLE8
            2 => bitsPerPixel == 4,             // BI_RLE4
            3 or 6 => bitsPerPixel is 16 or 32, // BI_BITFIELDS, BI_ALPHABITFIELDS
            _ => false,
        };
        if (!consistent)
            return $"compression {compression} with {bitsPerPixel} bits per pixel is not supported";
        if (dataOffset < 14 + headerSize || dataOffset > fileLength)
            return $"pixel data offset {dataOffset} outside the file";
        if (bitsPerPixel <= 8)
        {
            uint entries = coloursUsed == 0 ? 1u << bitsPerPixel : coloursUsed;
            long tableBytes = dataOffset - 14 - headerSize - (compression is 3 or 6 && headerSize == 40 ? 12 : 0);
            if (coloursUsed > 1u << bitsPerPixel || tableBytes < entries * (os2 ? 3L : 4L))
                return $"colour table of {coloursUsed} entries does not fit before the pixel data";
        }
        else if (coloursUsed > 256)
            return $"colour count {coloursUsed} is not valid";
        return null;
    }

    /// <summary>Image types 1/9 (colour-mapped), 2/10 (true colour), 3/11 (gray), with the depths each allows.</summary>
    /// <returns>Why the file is refused, or null.</returns>
    public static string? CheckTga(ReadOnlySpan<byte> head)
    {
        if (head.Length < 18)
            return "truncated header";
        int mapType = head[1], imageType = head[2], mapLength = BinaryPrimitives.ReadUInt16LittleEndian(head[5..]);
        int mapDepth = head[7], bitsPerPixel = head[16];
        bool consistent = imageType switch
        {
            1 or 9 => mapType == 1 && bitsPerPixel == 8 && mapLength > 0 && mapDepth is 15 or 16 or 24 or 32,
            2 or 10 => mapType == 0 && bitsPerPixel is 15 or 16 or 24 or 32,
            3 or 11 => mapType == 0 && bitsPerPixel == 8,
            _ => false,
        };
        return consistent ? null : $"image type {imageType} with colour map type {mapType} and {bitsPerPixel} bits per pixel is not supported";
    }
}
