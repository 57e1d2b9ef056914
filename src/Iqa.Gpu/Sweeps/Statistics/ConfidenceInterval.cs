namespace Iqa.Gpu.Sweeps.Statistics;

/// <summary>A percentile confidence interval and how many resamples gave a defined statistic.</summary>
public readonly record struct ConfidenceInterval(double Lower, double Upper, int DefinedResamples);
