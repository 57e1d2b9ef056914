using Iqa.Gpu.Backends;

namespace Iqa.Gpu.Metrics;

/// <summary>What every metric computes with: the backend and the effective settings.</summary>
public sealed record MetricContext(IComputeBackend Backend, ScoreSettings Settings);
