using Iqa.Gpu.Devices;

namespace Iqa.Gpu.Metrics;

/// <summary>What a metric is initialized with: the device it computes on and the effective settings.</summary>
public sealed record MetricContext(IComputeDevice Device, ScoreSettings Settings);
