using NetVips;

namespace Iqa.Gpu.Images;

/// <summary>
/// PNG, JPEG, TIFF, WebP and GIF through libvips (NetVips' bundled build): exact 8- and 16-bit samples.
/// The loader is the one the file's signature names; the header is read first (lazily, no pixels) for the size
/// and frame checks, then the pixels are decoded sequentially and in full, failing on the first decode warning
/// (truncated data, bad CRC) rather than returning grey-filled pixels.
/// </summary>
internal static class VipsDecoder
{
    static VipsDecoder()
    {
        VipsLog.Install();
        // Each file is decoded once: libvips' operation cache would only hold on to its pixels.
        NetVips.Cache.Max = 0;
    }

    public static DecodedImage Decode(string path, ImageFormat format, long maxPixels)
    {
        using var log = VipsLog.Begin();
        Image image;
        try
        {
            image = Load(path, format);
        }
        catch (VipsException e)
        {
            throw Undecodable(path, format, log.Messages, e);
        }
        using (image)
        {
            int frames = image.Contains("n-pages") ? (int)image.Get("n-pages") : 1;
            if (frames > 1)
                throw new IqaException($"{path}: {ImageDecoder.MultiFrameRefusal(frames)}");
            ImageDecoder.CheckSize(path, image.Width, image.Height, maxPixels);
            try
            {
                return Convert(image, path);
            }
            catch (VipsException e)
            {
                // The header was read: libvips' workers met the problem in the pixel data, and their warnings
                // (libpng's "not enough data", say) are not this thread's.
                throw Undecodable(path, format, ["corrupt or truncated pixel data"], e);
            }
        }
    }

    private static Image Load(string path, ImageFormat format)
    {
        const Enums.Access access = Enums.Access.Sequential;
        const Enums.FailOn failOn = Enums.FailOn.Warning;
        return format switch
        {
            ImageFormat.Png => Image.Pngload(path, access: access, failOn: failOn),
            ImageFormat.Jpeg => Image.Jpegload(path, access: access, failOn: failOn),
            ImageFormat.Tiff => Image.Tiffload(path, access: access, failOn: failOn),
            ImageFormat.WebP => Image.Webpload(path, access: access, failOn: failOn),
            ImageFormat.Gif => Image.Gifload(path, access: access, failOn: failOn),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a libvips format"),
        };
    }

    private static DecodedImage Convert(Image image, string path)
    {
        if (image.Bands > 4)
            throw new IqaException($"{path}: {image.Bands} bands are not supported (gray, gray+alpha, RGB or RGBA)");
        // Unsigned 8- and 16-bit samples are read exactly; anything else would need a rescaling the metrics'
        // reference code never applies, so it is refused rather than clipped.
        if (image.Format is not (Enums.BandFormat.Uchar or Enums.BandFormat.Ushort))
            throw new IqaException($"{path}: sample format {image.Format} is not supported (unsigned 8- or 16-bit integer images)");
        if (image.Interpretation is Enums.Interpretation.Cmyk or Enums.Interpretation.Lab or Enums.Interpretation.Labs)
            throw new IqaException($"{path}: colour space {image.Interpretation} is not supported (gray or RGB)");
        return image.Format == Enums.BandFormat.Ushort
            ? new DecodedImage(image.Width, image.Height, image.Bands, image.WriteToMemory<ushort>())
            : new DecodedImage(image.Width, image.Height, image.Bands, image.WriteToMemory<byte>());
    }

    /// <summary>What the log said (libpng's own words, say), then libvips' error lines; at most three of them.</summary>
    private static IqaException Undecodable(string path, ImageFormat format, IReadOnlyList<string> logged, VipsException e)
    {
        var reasons = logged.Concat(e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct().Take(3).ToList();
        string why = reasons.Count == 0 ? "unknown error" : string.Join("; ", reasons);
        return new IqaException($"{path}: cannot decode {format.ToString().ToUpperInvariant()} image ({why})", e);
    }
}
