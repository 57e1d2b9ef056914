using Iqa.Gpu.Images;
using Iqa.Gpu.Maps;
using Iqa.Gpu.Regions;

namespace Iqa.Gpu.Metrics.Psnr;

/// <summary>
/// The squared-error map of <see cref="PsnrMetric"/>, one value per pixel in sample units² ((x − y)² on the data range's
/// scale; averaged over colour planes for <c>rgb</c>, whose PSNR takes the error over all channels): PSNR is
/// 10 log10(L² / the map's mean). Regions: the same formula over the region's mean squared error.
/// </summary>
internal sealed class PsnrMaps : IMetricMaps
{
    private readonly MetricContext _context;
    private readonly IPsnrMapOperations _maps;
    private readonly ColorMode _color;

    public PsnrMaps(MetricContext context)
    {
        DeviceMaps.RequireReferenceConventions(context, PsnrMetric.Info);
        _context = context;
        _maps = IPsnrMapOperations.On(context.Device);
        _color = context.Settings.Color;
    }

    public MetricDescriptor Metric => PsnrMetric.Info;

    public MetricMaps Compute(MetricInput reference, MetricInput distorted)
    {
        var refPlanes = reference.Planes(_color);
        var distPlanes = distorted.Planes(_color);
        var values = new List<float[]>();
        for (int p = 0; p < refPlanes.Count; p++)
        {
            using var map = _maps.SquaredError(refPlanes[p], distPlanes[p]);
            values.Add(DeviceMaps.ToHost(_context.Device, map));
        }
        // The planes are normalized by the data range L: back to sample units², in place (every array here is this call's own).
        float[] squared = DeviceMaps.Average(values);
        double l2 = reference.DataRange * reference.DataRange;
        Parallel.For(0, reference.Height, r =>
        {
            for (int i = r * reference.Width, end = i + reference.Width; i < end; i++)
                squared[i] = (float)(squared[i] * l2);
        });
        var result = new QualityMap("psnr", "squared_error", "squared error (x - y)^2 in sample units^2, one value per pixel",
            reference.Width, reference.Height, squared, MapGeometry.Identity, HigherIsBetter: false);
        return new MetricMaps(PsnrMetric.Info, [result], result, RegionRules.Psnr(reference.DataRange));
    }
}
