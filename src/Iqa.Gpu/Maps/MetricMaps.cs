using Iqa.Gpu.Metrics;
using Iqa.Gpu.Regions;

namespace Iqa.Gpu.Maps;

/// <summary>
/// One pair's maps of one metric: every map the metric's region score reads (MS-SSIM: one per scale, finest first), the
/// one written to files (<see cref="Shown"/>), and the metric's region rule.
/// </summary>
public sealed record MetricMaps(MetricDescriptor Metric, IReadOnlyList<QualityMap> Maps, QualityMap Shown, IRegionRule Rule);

/// <summary>
/// A metric's quality maps, made for one scorer (its device and settings, as the metric itself) and computed per pair on
/// the pair's prepared inputs (<see cref="MetricInput"/>), after the metric scored them.
/// </summary>
public interface IMetricMaps : IDisposable
{
    MetricDescriptor Metric { get; }

    /// <exception cref="IqaException">The pair has no map of the kind asked for (an MS-SSIM scale that does not fit).</exception>
    MetricMaps Compute(MetricInput reference, MetricInput distorted);

    void IDisposable.Dispose() { }
}
