using System.Buffers.Binary;
using Iqa.Gpu.Images;

namespace Iqa.Gpu.Tests.Deep;

/// <summary>
/// Reads the uncompressed 24-bit BMP files of refdata/pyiqa_calibra, which the bundled libvips build does not load.
/// </summary>
internal static class Bmp24
{
    public static DecodedImage Read(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        int offset = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(10));
        int width = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(18));
        int storedHeight = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(22));
        int bits = BinaryPrimitives.ReadInt16LittleEndian(file.AsSpan(28));
        int compression = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(30));
        if (file[0] != 'B' || file[1] != 'M' || bits != 24 || compression != 0)
            throw new InvalidDataException($"{path}: not an uncompressed 24-bit BMP");
        int height = Math.Abs(storedHeight);
        int stride = (width * 3 + 3) & ~3;
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            // Positive height: rows are stored bottom-up.
            int row = offset + (storedHeight > 0 ? height - 1 - y : y) * stride;
            for (int x = 0; x < width; x++)
            {
                int s = row + 3 * x, d = 3 * (y * width + x);
                rgb[d] = file[s + 2];
                rgb[d + 1] = file[s + 1];
                rgb[d + 2] = file[s];
            }
        }
        return new DecodedImage(width, height, 3, rgb);
    }
}
