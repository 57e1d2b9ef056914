namespace Iqa.Gpu.Metrics.Options;

/// <summary>One word of a fixed list (case-insensitive), parsed to the list's spelling.</summary>
public sealed class ChoiceOption(string name, string defaultValue, IReadOnlyList<string> allowed, string description)
    : MetricOption<string>(name, defaultValue, description)
{
    public IReadOnlyList<string> Allowed { get; } = allowed;

    public override string ValuesText => string.Join("|", Allowed);

    public override string Parse(string text, string key) =>
        Allowed.FirstOrDefault(a => string.Equals(a, text.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new IqaException($"invalid value '{text}' for {key} ({string.Join(", ", Allowed)})");

    protected override string Format(string value) => value;
}
