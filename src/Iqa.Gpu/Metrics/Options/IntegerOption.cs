using System.Globalization;

namespace Iqa.Gpu.Metrics.Options;

/// <summary>
/// An integer within [<paramref name="min"/>, <paramref name="max"/>], optionally a multiple of
/// <paramref name="multipleOf"/>, or the word <paramref name="automatic"/> (parsed to null) where the metric may choose.
/// </summary>
public sealed class IntegerOption(string name, string defaultText, int min, int max, string description,
    string? automatic = null, int multipleOf = 1)
    : MetricOption<int?>(name, defaultText, description)
{
    public int Min { get; } = min;
    public int Max { get; } = max;

    public override string ValuesText =>
        (automatic is null ? "" : automatic + "|") + $"{Min}..{Max}" + (multipleOf > 1 ? $" (multiple of {multipleOf})" : "");

    public override int? Parse(string text, string key)
    {
        string t = text.Trim();
        if (automatic is not null && string.Equals(t, automatic, StringComparison.OrdinalIgnoreCase))
            return null;
        if (!int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            || value < Min || value > Max || value % multipleOf != 0)
            throw new IqaException($"invalid value '{text}' for {key} ({ValuesText})");
        return value;
    }

    protected override string Format(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? automatic!;
}
