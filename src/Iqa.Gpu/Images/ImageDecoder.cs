using NetVips;

namespace Iqa.Gpu.Images;

/// <summary>
/// Decodes PNG, JPEG, TIFF, WebP (anything libvips reads) and BMP (<see cref="BmpDecoder"/>) to exact 8- or 16-bit samples through NetVips.
/// Images are read sequentially and fully before use; a truncated or corrupt file is an error, never a partial image.
/// </summary>
public static class ImageDecoder
{
    /// <summary>Default decompression-bomb guard: 2^28 pixels (e.g. 16384 x 16384).</summary>
    public const long DefaultMaxPixels = 1L << 28;

    static ImageDecoder()
    {
        // Each file is decoded once: libvips' operation cache would only hold on to its pixels.
        NetVips.Cache.Max = 0;
    }

    private static readonly HashSet<string> ImageExtensions =
        new(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp", ".pgm", ".ppm", ".pnm" };

    /// <summary>Whether a file name has an image extension, for picking images out of folders.</summary>
    public static bool IsImageFile(string path) => ImageExtensions.Contains(Path.GetExtension(path));

    /// <summary>The largest --max-pixels accepted: the samples of an RGBA image are one .NET array (2^31 elements at most).</summary>
    public const long LargestMaxPixels = int.MaxValue / 4;

    public static DecodedImage Decode(string path, long maxPixels = DefaultMaxPixels)
    {
        if (maxPixels is < 1 or > LargestMaxPixels)
            throw new IqaException($"invalid pixel limit {maxPixels} (1 to {LargestMaxPixels})");
        if (!File.Exists(path))
            throw new IqaException(Directory.Exists(path) ? $"{path}: is a directory, not an image file" : $"{path}: file not found");
        if (IsBmp(path))
            return BmpDecoder.Decode(ReadAll(path), path, maxPixels);
        Image image;
        try
        {
            // Fail on the first decode warning (truncated data, bad CRC) instead of returning grey-filled pixels.
            image = Image.NewFromFile(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Warning);
        }
        catch (VipsException e)
        {
            throw new IqaException($"{path}: cannot decode image ({FirstLine(e.Message)})", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IqaException($"{path}: cannot read file ({e.Message})", e);
        }
        using (image)
            return Convert(image, path, maxPixels);
    }

    private static DecodedImage Convert(Image image, string path, long maxPixels)
    {
        long pixels = (long)image.Width * image.Height;
        if (pixels > maxPixels)
            throw new IqaException(
                $"{path}: {image.Width}x{image.Height} = {pixels} pixels exceeds the limit of {maxPixels} (raise it with --max-pixels)");
        if (image.Bands > 4)
            throw new IqaException($"{path}: {image.Bands} bands are not supported (gray, gray+alpha, RGB or RGBA)");
        try
        {
            // Unsigned 8- and 16-bit samples are read exactly; anything else would need a rescaling the metrics'
            // reference code never applies, so it is refused rather than clipped.
            if (image.Format is not (Enums.BandFormat.Uchar or Enums.BandFormat.Ushort))
                throw new IqaException($"{path}: sample format {image.Format} is not supported (unsigned 8- or 16-bit integer images)");
            if (image.Interpretation is Enums.Interpretation.Cmyk or Enums.Interpretation.Lab or Enums.Interpretation.Labs)
                throw new IqaException($"{path}: colour space {image.Interpretation} is not supported (gray or RGB)");
            bool sixteen = image.Format == Enums.BandFormat.Ushort;
            return sixteen
                ? new DecodedImage(image.Width, image.Height, image.Bands, image.WriteToMemory<ushort>())
                : new DecodedImage(image.Width, image.Height, image.Bands, image.WriteToMemory<byte>());
        }
        catch (VipsException e)
        {
            throw new IqaException($"{path}: cannot decode image ({FirstLine(e.Message)})", e);
        }
    }

    private static bool IsBmp(string path)
    {
        Span<byte> head = stackalloc byte[2];
        try
        {
            using var stream = File.OpenRead(path);
            return stream.ReadAtLeast(head, 2, throwOnEndOfStream: false) == 2 && BmpDecoder.IsBmp(head);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IqaException($"{path}: cannot read file ({e.Message})", e);
        }
    }

    private static byte[] ReadAll(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IqaException($"{path}: cannot read file ({e.Message})", e);
        }
    }

    private static string FirstLine(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "unknown error" : string.Join("; ", lines.Take(2));
    }
}
