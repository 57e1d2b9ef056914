namespace Iqa.Gpu.Video;

/// <summary>How the two chroma planes are sampled relative to luma.</summary>
public enum ChromaSubsampling
{
    /// <summary>Luma only: no U and V planes.</summary>
    Mono,
    /// <summary>Chroma halved horizontally and vertically.</summary>
    Yuv420,
    /// <summary>Chroma halved horizontally.</summary>
    Yuv422,
    /// <summary>Chroma at full resolution.</summary>
    Yuv444,
}

public static class ChromaSubsamplingExtensions
{
    /// <summary>"420", "422", "444" or "mono", as in Y4M colourspace tags.</summary>
    public static string Name(this ChromaSubsampling subsampling) => subsampling switch
    {
        ChromaSubsampling.Mono => "mono",
        ChromaSubsampling.Yuv420 => "420",
        ChromaSubsampling.Yuv422 => "422",
        ChromaSubsampling.Yuv444 => "444",
        _ => throw new ArgumentOutOfRangeException(nameof(subsampling)),
    };

    public static int PlaneCount(this ChromaSubsampling subsampling) => subsampling == ChromaSubsampling.Mono ? 1 : 3;

    // Odd sizes round up, as ffmpeg and the Y4M tools lay chroma out: a 5-pixel row has 3 chroma samples in 4:2:0.
    public static int ChromaWidth(this ChromaSubsampling subsampling, int width) =>
        subsampling is ChromaSubsampling.Yuv420 or ChromaSubsampling.Yuv422 ? (width + 1) / 2 : width;

    public static int ChromaHeight(this ChromaSubsampling subsampling, int height) =>
        subsampling == ChromaSubsampling.Yuv420 ? (height + 1) / 2 : height;
}
