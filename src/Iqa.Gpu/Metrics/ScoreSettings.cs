using System.Globalization;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics.Options;
using Iqa.Gpu.Metrics.Ssim;

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
    /// <summary>The data ranges accepted: integer samples span at least 1, and at most 32 bits.</summary>
    public const double MinDataRange = 1, MaxDataRange = 4294967296;

    /// <summary>Metric options given by the user, keyed <c>metric.option</c>; the rest take their defaults.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>The value of one of <paramref name="metric"/>'s options: the user's, else its default, parsed.</summary>
    /// <exception cref="IqaException">The user's value is not valid for the option.</exception>
    public T Get<T>(MetricDescriptor metric, MetricOption<T> option)
    {
        string key = Key(metric, option);
        return option.Parse(Options.TryGetValue(key, out var value) ? value : option.DefaultText, key);
    }

    /// <summary>The effective settings for these metrics, as every output records them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Describe(IEnumerable<MetricDescriptor> metrics)
    {
        var list = new List<KeyValuePair<string, string>>
        {
            new("color", Color.Name()),
            new("downsample", Downsample.ToString()),
            new("data_range", DataRange?.ToString("R", CultureInfo.InvariantCulture) ?? "bit-depth"),
        };
        foreach (var m in metrics)
            foreach (var o in m.Options)
            {
                string key = Key(m, o);
                list.Add(new(key, o.Canonical(Options.TryGetValue(key, out var value) ? value : o.DefaultText, key)));
            }
        return list;
    }

    /// <summary>Checks that every user option names a selected metric's declared option, with a valid value.</summary>
    /// <exception cref="IqaException">The first option that is unknown or invalid.</exception>
    public void Validate(IReadOnlyList<MetricDescriptor> metrics)
    {
        foreach (var (key, value) in Options)
        {
            int dot = key.IndexOf('.');
            var metric = dot > 0 ? metrics.FirstOrDefault(m => m.Name == key[..dot]) : null;
            var option = metric?.Options.FirstOrDefault(o => o.Name == key[(dot + 1)..]);
            if (option is null)
                throw new IqaException($"unknown option '{key}' for the selected metrics (see 'iqa metrics')");
            option.Canonical(value, key);
        }
    }

    /// <exception cref="IqaException">Not finite, or outside [<see cref="MinDataRange"/>, <see cref="MaxDataRange"/>].</exception>
    public static double CheckDataRange(double value) =>
        double.IsFinite(value) && value >= MinDataRange && value <= MaxDataRange
            ? value
            : throw new IqaException(
                $"invalid data range {value.ToString("R", CultureInfo.InvariantCulture)} (a number from {MinDataRange} to 2^32 = {MaxDataRange})");

    private static string Key(MetricDescriptor metric, MetricOption option) => $"{metric.Name}.{option.Name}";
}
