using Iqa.Gpu.Maps;
using Iqa.Gpu.Regions;

namespace Iqa.Gpu.Metrics.Deep;

/// <summary>
/// The spatial distance map of an LPIPS metric (lpips, lpips-squeeze, lpips-vgg): <see cref="DeepMetric.SpatialMap"/>,
/// one value per pixel, from a session of its own with the metric's options (model, threads, tiles, memory bound).
/// Regions: the map's mean over the region; error the distance.
/// </summary>
internal sealed class LpipsMaps(DeepModelDescriptor model, MetricDescriptor row, MetricContext context) : IMetricMaps
{
    private readonly DeepMetric _session = DeepFullReferenceMetric.Open(model, row, context);

    public MetricDescriptor Metric => row;

    /// <summary>The LPIPS model of a metric-table row, or null when the row is not an LPIPS metric.</summary>
    public static DeepModelDescriptor? ModelOf(MetricDescriptor row) =>
        DeepModels.All.FirstOrDefault(m => m.Name == row.Name && m.TileHalo is not null);

    public MetricMaps Compute(MetricInput reference, MetricInput distorted)
    {
        var map = new QualityMap(row.Name, "lpips",
            "LPIPS spatial distance: each layer's distance map upsampled bilinearly to the image (LPIPS(spatial=True)) and summed",
            reference.Width, reference.Height, _session.SpatialMap(reference.Image, distorted.Image), MapGeometry.Identity, HigherIsBetter: false);
        return new MetricMaps(row, [map], map, RegionRules.Mean);
    }

    public void Dispose() => _session.Dispose();
}
