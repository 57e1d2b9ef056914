namespace Iqa.Gpu.Metrics.Options;

/// <summary>
/// A metric's tunable, declared as data with its type and bounds: set with <c>--set METRIC.NAME=VALUE</c>, parsed
/// and checked once before any input is read, recorded in every output as <c>METRIC.NAME</c>.
/// </summary>
public abstract class MetricOption(string name, string defaultText, string description)
{
    public string Name { get; } = name;

    /// <summary>The value used when none is given, as written.</summary>
    public string DefaultText { get; } = defaultText;

    public string Description { get; } = description;

    /// <summary>What may be given, for <c>iqa metrics</c>: <c>error|fewer</c>, <c>1..8</c>, <c>PATH|live</c>.</summary>
    public abstract string ValuesText { get; }

    /// <summary>The value as outputs record it (normalized: <c>Fewer</c> becomes <c>fewer</c>).</summary>
    /// <exception cref="IqaException">The text is not a value of this option; the message names <paramref name="key"/>.</exception>
    public abstract string Canonical(string text, string key);
}

/// <summary>A <see cref="MetricOption"/> whose parsed value has type <typeparamref name="T"/>.</summary>
public abstract class MetricOption<T>(string name, string defaultText, string description)
    : MetricOption(name, defaultText, description)
{
    /// <exception cref="IqaException">The text is not a value of this option; the message names <paramref name="key"/>.</exception>
    public abstract T Parse(string text, string key);

    public override string Canonical(string text, string key) => Format(Parse(text, key));

    protected abstract string Format(T value);
}
