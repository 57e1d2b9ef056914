namespace Iqa.Gpu.Metrics;

public enum MetricKind
{
    FullReference,
    NoReference,
}

/// <summary>
/// One row of the metric table: public name, kind, direction, range and the backends it runs on.
/// <paramref name="ScoreNames"/> are the keys the metric writes (a metric may emit more than one score).
/// </summary>
public sealed record MetricDescriptor(
    string Name,
    MetricKind Kind,
    bool LowerIsBetter,
    string Range,
    string Description,
    IReadOnlyList<string> Backends,
    IReadOnlyList<string> ScoreNames,
    Func<IMetric> Create)
{
    /// <summary>Options this metric accepts (see <see cref="MetricOption"/>).</summary>
    public IReadOnlyList<MetricOption> Options { get; init; } = [];

    /// <summary>False for metrics that need decoded RGB images (the deep networks), not single planes such as video Y.</summary>
    public bool AcceptsPlanes { get; init; } = true;

    public string KindName => Kind == MetricKind.FullReference ? "full-reference" : "no-reference";
    public string Direction => LowerIsBetter ? "lower is better" : "higher is better";
}
