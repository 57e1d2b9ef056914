using Iqa.Gpu.Images;
using Iqa.Gpu.Maps;
using Iqa.Gpu.Regions;

namespace Iqa.Gpu.Metrics.Gmsd;

/// <summary>
/// The GMS map of <see cref="GmsdMetric"/> (GMSD.m's <c>quality_map</c>): ⌈H/2⌉ x ⌈W/2⌉ values on the 2x2-averaged
/// planes, sample i at image coordinate 0.5 + 2i; GMSD is its standard deviation. Computed as 1 − the deviation map the
/// metric reduces. Regions: the standard deviation of the map over the region (std2); error 1 − GMS.
/// </summary>
internal sealed class GmsdMaps(MetricContext context) : IMetricMaps
{
    private readonly IGmsdMapOperations _maps = IGmsdMapOperations.On(context.Device);
    private readonly ColorMode _color = context.Settings.Color;

    public MetricDescriptor Metric => GmsdMetric.Info;

    public MetricMaps Compute(MetricInput reference, MetricInput distorted)
    {
        using var deviation = _maps.DeviationMap(reference.DeviceGray255(_color), distorted.DeviceGray255(_color));
        float[] values = DeviceMaps.ToHost(context.Device, deviation);
        var gms = new float[values.Length];
        for (int i = 0; i < gms.Length; i++)
            gms[i] = 1f - values[i];
        // GMSD.m: conv2(Y, ones(2)/4, 'same') then Y(1:2:end, 1:2:end): sample j averages pixels 2j and 2j + 1.
        var map = new QualityMap("gmsd", "gms", "gradient magnitude similarity (GMS) map, on the 2x2-averaged, 2x downsampled gray planes",
            deviation.Width, deviation.Height, gms, MapGeometry.Identity.BoxDownsampled(2), HigherIsBetter: true);
        return new MetricMaps(GmsdMetric.Info, [map], map, RegionRules.StandardDeviation);
    }
}
