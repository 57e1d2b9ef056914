using Iqa.Gpu.Metrics;
using Iqa.Gpu.Metrics.Deep;
using Iqa.Gpu.Metrics.Gmsd;
using Iqa.Gpu.Metrics.Psnr;
using Iqa.Gpu.Metrics.Ssim;

namespace Iqa.Gpu.Maps;

/// <summary>
/// The metrics that have quality maps, and how each one's maps are made: one row per metric of the registry that has
/// them (NIQE judges blocks of one image, DISTS global statistics: neither has a map).
/// </summary>
public static class MetricMapTable
{
    /// <summary>The names of the metrics with maps, for messages.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [SsimMetric.Info.Name, MsSsimMetric.Info.Name, PsnrMetric.Info.Name, GmsdMetric.Info.Name, .. DeepModels.All.Where(m => m.TileHalo is not null).Select(m => m.Name)];

    public static bool HasMaps(MetricDescriptor metric) => Names.Contains(metric.Name);

    /// <summary>The map source of <paramref name="metric"/> on the context's device, or null when it has no map.</summary>
    /// <param name="msSsimScale">The MS-SSIM scale whose map is written, 1 to 5.</param>
    /// <exception cref="IqaException">The settings rule maps out (a tool profile), or a model can't be opened.</exception>
    public static IMetricMaps? Create(MetricDescriptor metric, MetricContext context, int msSsimScale)
    {
        if (metric.Name == SsimMetric.Info.Name)
            return new SsimMaps(context);
        if (metric.Name == MsSsimMetric.Info.Name)
            return new MsSsimMaps(context, msSsimScale);
        if (metric.Name == PsnrMetric.Info.Name)
            return new PsnrMaps(context);
        if (metric.Name == GmsdMetric.Info.Name)
            return new GmsdMaps(context);
        return LpipsMaps.ModelOf(metric) is { } model ? new LpipsMaps(model, metric, context) : null;
    }
}
