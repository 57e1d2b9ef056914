using SixLabors.ImageSharp.Formats.Tga;

namespace Iqa.Gpu.Images;

/// <summary>The image formats <see cref="ImageDecoder"/> reads.</summary>
internal enum ImageFormat { Png, Jpeg, Tiff, WebP, Gif, Bmp, Tga, Pnm }

/// <summary>
/// Which format a file holds, decided by its first bytes (the extension only for TGA, which has no signature),
/// and which extensions the folder walks take for images: exactly those of the formats decoded here.
/// </summary>
internal static class ImageFormats
{
    /// <summary>Bytes read from the start of a file to recognize it (TGA's header is the longest one checked).</summary>
    public const int HeadLength = 18;

    public const string Supported = "PNG, JPEG, TIFF, WebP, GIF, BMP, TGA or binary PBM/PGM/PPM";

    private static readonly Dictionary<string, ImageFormat> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = ImageFormat.Png,
        [".jpg"] = ImageFormat.Jpeg,
        [".jpeg"] = ImageFormat.Jpeg,
        [".tif"] = ImageFormat.Tiff,
        [".tiff"] = ImageFormat.Tiff,
        [".webp"] = ImageFormat.WebP,
        [".gif"] = ImageFormat.Gif,
        [".bmp"] = ImageFormat.Bmp,
        [".tga"] = ImageFormat.Tga,
        [".pbm"] = ImageFormat.Pnm,
        [".pgm"] = ImageFormat.Pnm,
        [".ppm"] = ImageFormat.Pnm,
        [".pnm"] = ImageFormat.Pnm,
    };

    private static readonly TgaImageFormatDetector TgaDetector = new();
    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    public static bool HasImageExtension(string path) => Extensions.ContainsKey(Path.GetExtension(path));

    /// <summary>The format whose signature starts <paramref name="head"/>; null when none does.</summary>
    public static ImageFormat? Detect(ReadOnlySpan<byte> head, string path)
    {
        if (head.StartsWith(PngSignature))
            return ImageFormat.Png;
        if (head.StartsWith(JpegSignature))
            return ImageFormat.Jpeg;
        // Classic and BigTIFF, both byte orders.
        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8) || head.StartsWith("II+\0"u8) || head.StartsWith("MM\0+"u8))
            return ImageFormat.Tiff;
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
            return ImageFormat.WebP;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
            return ImageFormat.Gif;
        if (head.StartsWith("BM"u8))
            return ImageFormat.Bmp;
        if (head.Length >= 3 && head[0] == 'P' && head[1] is >= (byte)'1' and <= (byte)'6' && PnmDecoder.IsWhitespace(head[2]))
            return ImageFormat.Pnm;
        // TGA has no signature: trust a .tga name only when the header is plausible (ImageSharp's own check).
        if (Extensions.TryGetValue(Path.GetExtension(path), out var named) && named == ImageFormat.Tga
            && head.Length >= TgaDetector.HeaderSize && TgaDetector.DetectFormat(head) is not null)
            return ImageFormat.Tga;
        return null;
    }
}
