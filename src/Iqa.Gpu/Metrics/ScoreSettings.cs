using Iqa.Gpu.Images;

namespace Iqa.Gpu.Metrics;

/// <summary>
/// The conventions that decide the numbers, after a profile and any overrides are applied.
/// Every output records them.
/// </summary>
/// <param name="Profile">The named profile they started from.</param>
/// <param name="Color">How colour images become planes.</param>
/// <param name="Downsample">SSIM's downsampling before the window: automatic (Wang), none, or a fixed factor.</param>
/// <param name="DataRange">L, overriding the bit depth's 255 / 65535 when set.</param>
public sealed record ScoreSettings(string Profile, ColorMode Color, Downsample Downsample, double? DataRange)
{
    public IReadOnlyList<KeyValuePair<string, string>> Describe() =>
    [
        new("color", Color.Name()),
        new("downsample", Downsample.ToString()),
        new("data_range", DataRange?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "bit-depth"),
    ];
}
