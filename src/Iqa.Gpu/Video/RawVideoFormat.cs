using System.Globalization;

namespace Iqa.Gpu.Video;

/// <summary>What a headerless .yuv file cannot say about itself: frame size and pixel format.</summary>
public sealed record RawVideoFormat(int Width, int Height, VideoPixelFormat Format)
{
    /// <summary>Parses "WxH" (e.g. 1920x1080) and an ffmpeg pix_fmt name (e.g. yuv420p10le).</summary>
    public static RawVideoFormat Parse(string size, string pixelFormat)
    {
        var parts = size.Trim().ToLowerInvariant().Split('x');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int width)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int height)
            || width <= 0 || height <= 0)
            throw new IqaException($"invalid frame size '{size}' (expected WxH, e.g. 1920x1080)");
        return new RawVideoFormat(width, height, VideoPixelFormat.Parse(pixelFormat));
    }

    public override string ToString() => $"{Width}x{Height} {Format.Name}";
}
