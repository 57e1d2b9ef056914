using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics.Ssim;

namespace Iqa.Gpu.Metrics;

/// <summary>
/// Named bundles of conventions. <c>matlab</c> (default): Wang's published ssim.m — MATLAB rgb2gray (rounded)
/// and automatic downsampling. <c>pyiqa</c>: luma 0.299/0.587/0.114 rounded half to even, no downsampling.
/// <c>libvmaf</c>: SSIM, MS-SSIM and PSNR as libvmaf 3.2's float_ssim, float_ms_ssim and psnr compute them (its own
/// automatic downsampling; gray for images, the planes as stored for video). <c>ffmpeg</c>: SSIM and PSNR as FFmpeg
/// 5.1's ssim and psnr filters (every RGB channel for images, as FFmpeg reads PNGs; no downsampling).
/// Explicit options given with a profile override its fields, where the tool allows it.
/// </summary>
public static class Profiles
{
    public const string Default = "matlab";

    private static readonly Dictionary<string, (ColorMode Color, Downsample Downsample, ToolConventions Tool)> Table = new()
    {
        ["matlab"] = (ColorMode.Gray, Downsample.Automatic, ToolConventions.Reference),
        ["pyiqa"] = (ColorMode.Luma, Downsample.None, ToolConventions.Reference),
        ["libvmaf"] = (ColorMode.Gray, Downsample.Automatic, ToolConventions.Libvmaf),
        ["ffmpeg"] = (ColorMode.Rgb, Downsample.None, ToolConventions.Ffmpeg),
    };

    public static IReadOnlyCollection<string> Names => Table.Keys;

    /// <summary>The profile's name as the table spells it.</summary>
    /// <exception cref="IqaException">No profile has that name.</exception>
    public static string Find(string name) =>
        Table.Keys.FirstOrDefault(k => string.Equals(k, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new IqaException($"unknown profile '{name}' ({string.Join(", ", Table.Keys)})");

    public static ScoreSettings Resolve(string? profile, ColorMode? color, Downsample? downsample, double? dataRange)
    {
        string name = Find(profile ?? Default);
        var row = Table[name];
        if (dataRange is { } range)
            ScoreSettings.CheckDataRange(range);
        var settings = new ScoreSettings(name, color ?? row.Color, downsample ?? row.Downsample, dataRange) { Tool = row.Tool };
        CheckToolConventions(settings);
        return settings;
    }

    /// <summary>Refuses the overrides a tool has no equivalent for, rather than computing numbers it never gives.</summary>
    private static void CheckToolConventions(ScoreSettings s)
    {
        if (s.Tool == ToolConventions.Reference)
            return;
        string tool = s.Tool == ToolConventions.Libvmaf ? "libvmaf" : "FFmpeg";
        if (s.DataRange is not null)
            throw new IqaException($"--data-range: profile {s.Profile} takes the peak from the bit depth, as {tool} does");
        if (s.Color == ColorMode.Y)
            throw new IqaException($"--color y: profile {s.Profile} reads integer samples, as {tool} does, and y is not rounded (gray, luma{(s.Tool == ToolConventions.Ffmpeg ? ", rgb" : "")})");
        if (s.Tool == ToolConventions.Libvmaf && s.Color == ColorMode.Rgb)
            throw new IqaException("--color rgb: libvmaf reads one luma plane (gray or luma for images; video planes as stored)");
        if (s.Tool == ToolConventions.Ffmpeg && !s.Downsample.Equals(Downsample.None))
            throw new IqaException("--downsample: FFmpeg's ssim filter does not downsample (profile ffmpeg takes none)");
        if (s.Tool == ToolConventions.Libvmaf && !s.Downsample.Auto && s.Downsample.Factor > 10)
            throw new IqaException($"--downsample {s.Downsample}: libvmaf's scale option takes 1 to 10");
    }
}
