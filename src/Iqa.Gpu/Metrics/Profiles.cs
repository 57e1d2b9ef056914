using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics.Ssim;

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
        return new ScoreSettings(name, color ?? row.Color, downsample ?? row.Downsample, dataRange);
    }
}
