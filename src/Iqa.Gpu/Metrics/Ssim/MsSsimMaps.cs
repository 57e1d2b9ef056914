using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;
using Iqa.Gpu.Maps;
using Iqa.Gpu.Regions;

namespace Iqa.Gpu.Metrics.Ssim;

/// <summary>
/// The maps of <see cref="MsSsimMetric"/>, one per scale as msssim.m computes them: the contrast-structure map at scales
/// 1 to 4 and the SSIM map at the last, each over the 'valid' region of its scale (scale s: the inputs box-downsampled
/// by 2, s − 1 times; sample i at image coordinate (2^(s−1) − 1)/2 + 5·2^(s−1) + 2^(s−1) i). Each map's mean is the
/// factor the score raises to its weight. Regions: the product over scales of each map's mean over the region raised
/// to its weight (<see cref="RegionRules.MsSsim"/>). The map written is scale <c>mapScale</c>.
/// </summary>
internal sealed class MsSsimMaps : IMetricMaps
{
    private readonly MetricContext _context;
    private readonly ISsimOperations _operations;
    private readonly ISsimMapOperations _maps;
    private readonly ColorMode _color;
    private readonly int _shownScale;

    /// <param name="shownScale">The scale whose map is written, 1 to 5.</param>
    public MsSsimMaps(MetricContext context, int shownScale)
    {
        DeviceMaps.RequireReferenceConventions(context, MsSsimMetric.Info);
        if (shownScale < 1 || shownScale > MsSsimMetric.Weights.Length)
            throw new IqaException($"ms_ssim: map scale must be 1 to {MsSsimMetric.Weights.Length}, got {shownScale}");
        _context = context;
        _operations = ISsimOperations.On(context.Device);
        _maps = ISsimMapOperations.On(context.Device);
        _color = context.Settings.Color;
        _shownScale = shownScale;
    }

    public MetricDescriptor Metric => MsSsimMetric.Info;

    public MetricMaps Compute(MetricInput reference, MetricInput distorted)
    {
        // The metric scored this pair first, so the scales fit (or ms_ssim.small=fewer allowed fewer).
        int scales = MsSsimMetric.ScalesThatFit(reference.Width, reference.Height);
        if (_shownScale > scales)
            throw new IqaException(
                $"{reference.Label}: {reference.Width}x{reference.Height} has {scales} MS-SSIM scale{(scales == 1 ? "" : "s")}, no map of scale {_shownScale}");
        double[] weights = MsSsimMetric.Weights[..scales];
        double total = scales == MsSsimMetric.Weights.Length ? 1 : weights.Sum(); // as MsSsimMetric
        var refPlanes = reference.Planes(_color);
        var distPlanes = distorted.Planes(_color);
        var perScale = Enumerable.Range(0, scales).Select(_ => new List<float[]>()).ToArray();
        var sizes = new (int W, int H)[scales];
        for (int p = 0; p < refPlanes.Count; p++)
        {
            IDevicePlane x = refPlanes[p], y = distPlanes[p];
            for (int s = 0; s < scales; s++)
            {
                if (s > 0)
                {
                    var (nextX, nextY) = (_operations.BoxDownsample(x, 2), _operations.BoxDownsample(y, 2));
                    if (s > 1)
                    {
                        x.Dispose();
                        y.Dispose();
                    }
                    (x, y) = (nextX, nextY);
                }
                using var maps = _maps.Maps(x, y, SsimMetric.Parameters);
                var map = s == scales - 1 ? maps.Ssim : maps.ContrastStructure;
                sizes[s] = (map.Width, map.Height);
                perScale[s].Add(DeviceMaps.ToHost(_context.Device, map));
            }
            if (scales > 1)
            {
                x.Dispose();
                y.Dispose();
            }
        }
        int taps = SsimMetric.Parameters.Window.Length;
        var geometry = MapGeometry.Identity;
        var result = new List<QualityMap>();
        for (int s = 0; s < scales; s++)
        {
            if (s > 0)
                geometry = geometry.BoxDownsampled(2);
            bool last = s == scales - 1;
            string quantity = last ? "ssim" : "cs";
            result.Add(new QualityMap("ms_ssim", quantity,
                $"MS-SSIM scale {s + 1} of {scales}: {(last ? "SSIM" : "contrast-structure")} map over the valid region of the {taps}x{taps} window" +
                (s == 0 ? "" : $", after {s} 2x2 box downsampling{(s == 1 ? "" : "s")}"),
                sizes[s].W, sizes[s].H, DeviceMaps.Average(perScale[s]), geometry.Valid(taps), HigherIsBetter: true, Scale: s + 1));
        }
        return new MetricMaps(MsSsimMetric.Info, result, result[_shownScale - 1], RegionRules.MsSsim([.. weights.Select(w => w / total)]));
    }
}
