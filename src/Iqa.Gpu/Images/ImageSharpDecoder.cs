using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Tga;
using SixLabors.ImageSharp.PixelFormats;

namespace Iqa.Gpu.Images;

/// <summary>
/// BMP (1/2/4/8-bit palettes, RLE4/RLE8, 16/24/32-bit with or without bit fields, OS/2 and V2-V5 headers) and
/// TGA (true colour, gray, colour-mapped, RLE) through SixLabors.ImageSharp 2.1, which the bundled libvips cannot
/// read, after <see cref="ImageSharpPreflight"/>. Samples are 8-bit RGB as stored (16-bit BMP pixels widened by
/// ImageSharp); an image of at most 8 bits per pixel (a palette, or TGA gray) whose pixels are all gray is gray,
/// so a gray-palette BMP scores as gray. Alpha is dropped: no metric uses it.
/// </summary>
internal static class ImageSharpDecoder
{
    // A one-byte stream buffer makes every read of the decoder reach the OverReadGuard with its own length.
    private static readonly Configuration Configuration = new(new BmpConfigurationModule(), new TgaConfigurationModule())
    {
        StreamProcessingBufferSize = 1,
        PreferContiguousImageBuffers = true,
    };

    public static DecodedImage Decode(Stream file, string path, ImageFormat format, long maxPixels)
    {
        object codec = format switch
        {
            ImageFormat.Bmp => new BmpDecoder(),
            ImageFormat.Tga => new TgaDecoder(),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not an ImageSharp format"),
        };
        string name = format.ToString().ToUpperInvariant();
        var head = new byte[ImageSharpPreflight.HeadLength];
        int length = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        string? refusal = format == ImageFormat.Bmp
            ? ImageSharpPreflight.CheckBmp(head.AsSpan(0, length), file.Length)
            : ImageSharpPreflight.CheckTga(head.AsSpan(0, length));
        if (refusal is not null)
            throw new IqaException($"{path}: cannot decode {name} image ({refusal})");
        file.Position = 0;
        using var stream = new OverReadGuard(file);
        try
        {
            // The header alone first: the size is checked before any pixel is allocated.
            var info = ((IImageInfoDetector)codec).Identify(Configuration, stream, CancellationToken.None)
                ?? throw new IqaException($"{path}: cannot decode {name} image (no header)");
            ImageDecoder.CheckSize(path, info.Width, info.Height, maxPixels);
            stream.Position = 0;
            using var image = ((IImageDecoder)codec).Decode<Rgb24>(Configuration, stream, CancellationToken.None);
            if (stream.ReadPastEnd)
                throw new IqaException($"{path}: cannot decode {name} image (truncated: the pixel data ends early)");
            return ToDecoded(image, info.PixelType.BitsPerPixel <= 8);
        }
        catch (Exception e) when (e is not (IqaException or OperationCanceledException))
        {
            // ImageSharp's own errors (ImageFormatException, NotSupportedException, InvalidMemoryOperationException),
            // and its faults on malformed headers (a NullReferenceException for a negative colour count, say):
            // all of them mean the file cannot be decoded.
            string why = e is ImageFormatException or NotSupportedException ? e.Message : $"malformed file: {e.GetType().Name}";
            throw new IqaException($"{path}: cannot decode {name} image ({why})", e);
        }
    }

    private static DecodedImage ToDecoded(Image<Rgb24> image, bool mayBeGray)
    {
        var rgb = new byte[(long)image.Width * image.Height * 3];
        image.CopyPixelDataTo(rgb);
        if (!mayBeGray || !IsGray(rgb))
            return new DecodedImage(image.Width, image.Height, 3, rgb);
        var gray = new byte[rgb.Length / 3];
        for (int i = 0; i < gray.Length; i++)
            gray[i] = rgb[3 * i];
        return new DecodedImage(image.Width, image.Height, 1, gray);
    }

    private static bool IsGray(byte[] rgb)
    {
        for (int i = 0; i < rgb.Length; i += 3)
            if (rgb[i] != rgb[i + 1] || rgb[i] != rgb[i + 2])
                return false;
        return true;
    }
}
