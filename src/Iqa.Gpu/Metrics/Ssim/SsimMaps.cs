using Iqa.Gpu.Images;
using Iqa.Gpu.Maps;
using Iqa.Gpu.Regions;

namespace Iqa.Gpu.Metrics.Ssim;

/// <summary>
/// The SSIM map of <see cref="SsimMetric"/>: ssim_index.m's <c>ssim_map</c> over the 'valid' region after the profile's
/// downsampling (factor f: (⌈W/f⌉ − 10) x (⌈H/f⌉ − 10) values, nothing padded), averaged over colour planes for
/// <c>rgb</c>; its mean is the score. Sample i lies at image coordinate 5f + lo + (f − 1)/2 + f i (lo the box filter's
/// first tap, <see cref="MapGeometry.BoxDownsampled"/>). Regions: the map's mean.
/// </summary>
internal sealed class SsimMaps : IMetricMaps
{
    private readonly MetricContext _context;
    private readonly ISsimOperations _operations;
    private readonly ISsimMapOperations _maps;
    private readonly ColorMode _color;
    private readonly Downsample _downsample;

    public SsimMaps(MetricContext context)
    {
        DeviceMaps.RequireReferenceConventions(context, SsimMetric.Info);
        _context = context;
        _operations = ISsimOperations.On(context.Device);
        _maps = ISsimMapOperations.On(context.Device);
        _color = context.Settings.Color;
        _downsample = context.Settings.Downsample;
    }

    public MetricDescriptor Metric => SsimMetric.Info;

    public MetricMaps Compute(MetricInput reference, MetricInput distorted)
    {
        var refPlanes = reference.Planes(_color);
        var distPlanes = distorted.Planes(_color);
        int factor = _downsample.FactorFor(reference.Width, reference.Height), taps = SsimMetric.Parameters.Window.Length;
        var values = new List<float[]>();
        int width = 0, height = 0;
        for (int p = 0; p < refPlanes.Count; p++)
        {
            using var x = factor == 1 ? null : _operations.BoxDownsample(refPlanes[p], factor);
            using var y = factor == 1 ? null : _operations.BoxDownsample(distPlanes[p], factor);
            using var maps = _maps.Maps(x ?? refPlanes[p], y ?? distPlanes[p], SsimMetric.Parameters);
            (width, height) = (maps.Ssim.Width, maps.Ssim.Height);
            values.Add(DeviceMaps.ToHost(_context.Device, maps.Ssim));
        }
        string scale = factor == 1 ? "" : $", after {factor}x{factor} box downsampling";
        var map = new QualityMap("ssim", "ssim", $"SSIM map over the valid region of the {taps}x{taps} window{scale}", width, height,
            DeviceMaps.Average(values), MapGeometry.Identity.BoxDownsampled(factor).Valid(taps), HigherIsBetter: true);
        return new MetricMaps(SsimMetric.Info, [map], map, RegionRules.Mean);
    }
}
