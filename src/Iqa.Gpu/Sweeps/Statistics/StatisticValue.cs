namespace Iqa.Gpu.Sweeps.Statistics;

/// <summary>
/// A statistic that may be undefined. An undefined one has no value and says why (constant input, too few items,
/// an infinite score...); the engine never reports NaN or a made-up number in its place. <see cref="PValue"/> is the
/// two-sided p-value where scipy gives one.
/// </summary>
public readonly record struct StatisticValue
{
    private StatisticValue(double? value, double? pValue, string? undefined)
    {
        Value = value;
        PValue = pValue;
        Undefined = undefined;
    }

    public double? Value { get; }

    public double? PValue { get; }

    /// <summary>Why there is no value; null when there is one.</summary>
    public string? Undefined { get; }

    public bool IsDefined => Value.HasValue;

    public static StatisticValue Of(double value, double? pValue = null) =>
        double.IsFinite(value) ? new(value, pValue is double p && double.IsFinite(p) ? p : null, null)
            : throw new ArgumentOutOfRangeException(nameof(value), value, "a defined statistic is finite");

    public static StatisticValue NotDefined(string reason) => new(null, null, reason);

    public override string ToString() =>
        Value is double v ? v.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "undefined (" + Undefined + ")";
}
