using System.Text.Json;

namespace Iqa.Gpu.Video;

/// <summary>
/// Chooses the pix_fmt ffmpeg should hand over in Y4M: the source's own when Y4M carries it, else the planar
/// layout that keeps its bit depth and chroma resolution (nv12 -> yuv420p, p010le -> yuv420p10le,
/// RGB and palette -> yuv444p at their depth, 4:1:1 -> 4:4:4), so no precision is lost on the way.
/// </summary>
internal static class FfmpegPixelFormat
{
    // What ffmpeg's yuv4mpegpipe muxer writes (with -strict -1 beyond 8 bits); it has no 14-bit gray.
    private static readonly int[] YuvDepths = [8, 9, 10, 12, 14, 16];
    private static readonly int[] GrayDepths = [8, 9, 10, 12, 16];

    /// <summary>A pixel format as ffprobe -show_pixel_formats describes it.</summary>
    public sealed record Descriptor(
        string Name, int Components, int Log2ChromaWidth, int Log2ChromaHeight, bool Rgb, bool Palette, bool Alpha, int BitDepth)
    {
        public static Descriptor FromJson(JsonElement format)
        {
            var flags = format.GetProperty("flags");
            return new Descriptor(
                format.GetProperty("name").GetString()!,
                format.GetProperty("nb_components").GetInt32(),
                format.TryGetProperty("log2_chroma_w", out var w) ? w.GetInt32() : 0,
                format.TryGetProperty("log2_chroma_h", out var h) ? h.GetInt32() : 0,
                Flag(flags, "rgb"),
                Flag(flags, "palette"),
                Flag(flags, "alpha"),
                format.TryGetProperty("components", out var components)
                    ? components.EnumerateArray().Max(c => c.GetProperty("bit_depth").GetInt32())
                    : 8);
        }

        private static bool Flag(JsonElement flags, string name) =>
            flags.TryGetProperty(name, out var flag) && flag.GetInt32() != 0;
    }

    public static string Choose(Descriptor source)
    {
        bool rgb = source.Rgb || source.Palette; // palette entries are RGB colours
        bool gray = !rgb && source.Components - (source.Alpha ? 1 : 0) == 1;
        var subsampling = gray ? ChromaSubsampling.Mono
            : rgb ? ChromaSubsampling.Yuv444
            : (source.Log2ChromaWidth, source.Log2ChromaHeight) switch
            {
                (1, 1) => ChromaSubsampling.Yuv420,
                (1, 0) => ChromaSubsampling.Yuv422,
                _ => ChromaSubsampling.Yuv444,
            };
        var depths = gray ? GrayDepths : YuvDepths;
        int depth = depths.FirstOrDefault(d => d >= source.BitDepth, depths[^1]);
        string chosen = new VideoPixelFormat(subsampling, depth).Name;
        // Full-range yuvj formats travel as they are: converting them to yuv...p would rescale the samples.
        return source.Name.StartsWith("yuvj", StringComparison.Ordinal) && "yuv" + source.Name[4..] == chosen
            ? source.Name
            : chosen;
    }
}
