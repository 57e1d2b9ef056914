namespace Iqa.Gpu.Metrics.Options;

/// <summary>
/// A file path, or one of the <paramref name="keywords"/> (such as <c>live</c> for a built-in model). Only the shape is
/// checked here; the metric opens the file in its init phase, before any input is read.
/// </summary>
public sealed class PathOption(string name, string defaultText, IReadOnlyList<string> keywords, string description)
    : MetricOption<string>(name, defaultText, description)
{
    public IReadOnlyList<string> Keywords { get; } = keywords;

    public override string ValuesText => string.Join("|", Keywords.Prepend("PATH"));

    /// <summary>True when <paramref name="value"/> is a keyword rather than a path.</summary>
    public bool IsKeyword(string value) => Keywords.Contains(value);

    public override string Parse(string text, string key)
    {
        if (Keywords.FirstOrDefault(k => string.Equals(k, text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } keyword)
            return keyword;
        if (string.IsNullOrWhiteSpace(text) || text.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            throw new IqaException($"invalid value '{text}' for {key} (a file path{(Keywords.Count > 0 ? " or " + string.Join(", ", Keywords) : "")})");
        return text;
    }

    protected override string Format(string value) => value;
}
