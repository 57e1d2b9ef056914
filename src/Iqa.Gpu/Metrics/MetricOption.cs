namespace Iqa.Gpu.Metrics;

/// <summary>
/// A metric's tunable, declared as data: set with <c>--set METRIC.NAME=VALUE</c>, recorded in every output as
/// <c>METRIC.NAME</c>. <paramref name="Allowed"/> null means any value the metric validates itself.
/// </summary>
public sealed record MetricOption(string Name, string Default, IReadOnlyList<string>? Allowed, string Description);
