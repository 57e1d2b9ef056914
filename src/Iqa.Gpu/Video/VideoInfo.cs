namespace Iqa.Gpu.Video;

/// <summary>What a video stream declares about itself. Fields a format does not carry are null or Unknown.</summary>
public sealed record VideoInfo(int Width, int Height, VideoPixelFormat Format)
{
    /// <summary>4:2:0 chroma siting from the Y4M tag (jpeg, mpeg2, paldv), or null when not declared.</summary>
    public string? ChromaSiting { get; init; }

    public Rational? FrameRate { get; init; }

    public Interlace Interlace { get; init; }

    /// <summary>Sample (pixel) aspect ratio, or null when unknown.</summary>
    public Rational? PixelAspect { get; init; }

    /// <summary>Number of frames when the input says so up front (raw files), else null.</summary>
    public long? FrameCount { get; init; }

    public ChromaSubsampling Subsampling => Format.Subsampling;

    public int BitDepth => Format.BitDepth;

    public long FrameBytes => Format.FrameBytes(Width, Height);

    /// <summary>One line, e.g. "1920x1080 yuv420p10le (mpeg2 siting), 25 fps, progressive, SAR 1:1, 300 frames".</summary>
    public string Describe()
    {
        var parts = new List<string>
        {
            $"{Width}x{Height} {Format.Name}{(ChromaSiting is null ? "" : $" ({ChromaSiting} siting)")}",
            FrameRate is { } rate ? $"{rate.Describe()} fps" : "frame rate unknown",
        };
        if (Interlace != Interlace.Unknown)
            parts.Add(Interlace switch
            {
                Interlace.Progressive => "progressive",
                Interlace.TopFieldFirst => "interlaced, top field first",
                Interlace.BottomFieldFirst => "interlaced, bottom field first",
                _ => "mixed interlacing",
            });
        if (PixelAspect is { } aspect)
            parts.Add($"SAR {aspect}");
        if (FrameCount is { } count)
            parts.Add($"{count} frames");
        return string.Join(", ", parts);
    }
}
