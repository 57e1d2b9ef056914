namespace Iqa.Gpu.Video;

/// <summary>
/// A planar YUV or gray sample layout: subsampling and bit depth. Samples of more than 8 bits are stored
/// in 16-bit little-endian words, low bits significant (ffmpeg's "le" formats, Y4M's p10/p12/... tags).
/// </summary>
public sealed record VideoPixelFormat
{
    /// <summary>Bit depths with a name in ffmpeg's planar YUV and gray families.</summary>
    public static IReadOnlyList<int> BitDepths { get; } = [8, 9, 10, 12, 14, 16];

    /// <summary>Every layout and depth by its ffmpeg name: yuv420p, yuv420p10le, gray, gray12le, ...</summary>
    public static IReadOnlyList<VideoPixelFormat> All { get; } =
    [
        .. from subsampling in Enum.GetValues<ChromaSubsampling>()
           from depth in BitDepths
           select new VideoPixelFormat(subsampling, depth),
    ];

    public VideoPixelFormat(ChromaSubsampling subsampling, int bitDepth)
    {
        if (bitDepth is < 8 or > 16)
            throw new ArgumentOutOfRangeException(nameof(bitDepth), bitDepth, "8 to 16 bits per sample are supported");
        Subsampling = subsampling;
        BitDepth = bitDepth;
    }

    public ChromaSubsampling Subsampling { get; }
    public int BitDepth { get; }

    /// <summary>1 for 8-bit samples, 2 for deeper ones.</summary>
    public int BytesPerSample => BitDepth > 8 ? 2 : 1;

    /// <summary>The largest sample value, the natural data range: 255, 1023, 4095, ...</summary>
    public int MaxValue => (1 << BitDepth) - 1;

    /// <summary>The ffmpeg pix_fmt name, e.g. yuv420p, yuv422p10le, gray, gray12le.</summary>
    public string Name
    {
        get
        {
            string family = Subsampling == ChromaSubsampling.Mono ? "gray" : $"yuv{Subsampling.Name()}p";
            return BitDepth == 8 ? family : $"{family}{BitDepth}le";
        }
    }

    /// <summary>Bytes of one frame: all planes, no padding.</summary>
    public long FrameBytes(int width, int height)
    {
        long luma = (long)width * height;
        long chroma = (long)Subsampling.ChromaWidth(width) * Subsampling.ChromaHeight(height);
        return (luma + (Subsampling.PlaneCount() - 1) * chroma) * BytesPerSample;
    }

    /// <summary>
    /// Parses an ffmpeg pix_fmt name. The full-range yuvj420p/yuvj422p/yuvj444p names are accepted as their
    /// yuv...p layout: the samples are the same, only their interpretation differs.
    /// </summary>
    public static VideoPixelFormat Parse(string name)
    {
        string key = name.Trim().ToLowerInvariant();
        if (key.StartsWith("yuvj", StringComparison.Ordinal))
            key = "yuv" + key[4..];
        return All.FirstOrDefault(f => f.Name == key)
            ?? throw new IqaException(
                $"unknown pixel format '{name}' (planar little-endian: {string.Join(", ", All.Select(f => f.Name))})");
    }

    public override string ToString() => Name;
}
