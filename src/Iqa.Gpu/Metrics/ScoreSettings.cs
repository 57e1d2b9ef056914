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
    /// <summary>Metric options given by the user, keyed <c>metric.option</c>; the rest take their defaults.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>The value of one of <paramref name="metric"/>'s options: the user's, else its default.</summary>
    public string Option(MetricDescriptor metric, string name)
    {
        var option = metric.Options.FirstOrDefault(o => o.Name == name)
                     ?? throw new ArgumentException($"{metric.Name} declares no option '{name}'");
        return Options.TryGetValue($"{metric.Name}.{name}", out var value) ? value : option.Default;
    }

    /// <summary>The effective settings for these metrics, as every output records them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Describe(IEnumerable<MetricDescriptor> metrics)
    {
        var list = new List<KeyValuePair<string, string>>
        {
            new("color", Color.Name()),
            new("downsample", Downsample.ToString()),
            new("data_range", DataRange?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "bit-depth"),
        };
        foreach (var m in metrics)
            foreach (var o in m.Options)
                list.Add(new($"{m.Name}.{o.Name}", Option(m, o.Name)));
        return list;
    }

    /// <summary>Checks every user option names a selected metric's declared option with an allowed value.</summary>
    public void Validate(IReadOnlyList<MetricDescriptor> metrics)
    {
        foreach (var (key, value) in Options)
        {
            int dot = key.IndexOf('.');
            var metric = dot > 0 ? metrics.FirstOrDefault(m => m.Name == key[..dot]) : null;
            var option = metric?.Options.FirstOrDefault(o => o.Name == key[(dot + 1)..]);
            if (option is null)
                throw new IqaException($"unknown option '{key}' for the selected metrics (see 'iqa metrics')");
            if (option.Allowed is { } allowed && !allowed.Contains(value))
                throw new IqaException($"invalid value '{value}' for {key} ({string.Join(", ", allowed)})");
        }
    }
}
