using Iqa.Gpu.Images;

namespace Iqa.Gpu.Metrics;

/// <summary>
/// Named bundles of conventions. <c>matlab</c> (default): Wang's published ssim.m — MATLAB rgb2gray (rounded)
/// and automatic downsampling. <c>pyiqa</c>: luma 0.299/0.587/0.114 rounded half to even, no downsampling.
/// Explicit options given with a profile override its fields.
/// </summary>
public static class Profiles
{
    public const string Default = "matlab";

    private static readonly Dictionary<string, (ColorMode Color, Downsample Downsample)> Table = new()
    {
        ["matlab"] = (ColorMode.Gray, Downsample.Automatic),
        ["pyiqa"] = (ColorMode.Luma, Downsample.None),
    };

    public static IReadOnlyCollection<string> Names => Table.Keys;

    public static ScoreSettings Resolve(string? profile, ColorMode? color, Downsample? downsample, double? dataRange)
    {
        string name = (profile ?? Default).ToLowerInvariant();
        if (!Table.TryGetValue(name, out var row))
            throw new IqaException($"unknown profile '{profile}' ({string.Join(", ", Table.Keys)})");
        if (dataRange is <= 0 or double.NaN or double.PositiveInfinity)
            throw new IqaException($"invalid data range {dataRange} (a positive number)");
        return new ScoreSettings(name, color ?? row.Color, downsample ?? row.Downsample, dataRange);
    }
}
