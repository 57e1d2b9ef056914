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

    public static DecodedImage Decode(string path, long maxPixels = DefaultMaxPixels)
    {
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
            Image decoded = image;
            bool sixteen = image.Format is Enums.BandFormat.Ushort or Enums.BandFormat.Short
                or Enums.BandFormat.Uint or Enums.BandFormat.Int;
            if (image.Format is Enums.BandFormat.Float or Enums.BandFormat.Double or Enums.BandFormat.Complex
                or Enums.BandFormat.Dpcomplex or Enums.BandFormat.Char)
                throw new IqaException($"{path}: sample format {image.Format} is not supported (8- or 16-bit integer images)");
            if (image.Interpretation is Enums.Interpretation.Cmyk or Enums.Interpretation.Lab or Enums.Interpretation.Labs)
                throw new IqaException($"{path}: colour space {image.Interpretation} is not supported (gray or RGB)");
            if (sixteen && image.Format != Enums.BandFormat.Ushort)
                decoded = image.Cast(Enums.BandFormat.Ushort);
            else if (!sixteen && image.Format != Enums.BandFormat.Uchar)
                decoded = image.Cast(Enums.BandFormat.Uchar);
            try
            {
                return sixteen
                    ? new DecodedImage(image.Width, image.Height, image.Bands, decoded.WriteToMemory<ushort>())
                    : new DecodedImage(image.Width, image.Height, image.Bands, decoded.WriteToMemory<byte>());
            }
            finally
            {
                if (!ReferenceEquals(decoded, image))
                    decoded.Dispose();
            }
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
