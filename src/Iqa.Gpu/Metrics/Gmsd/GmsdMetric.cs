using Iqa.Gpu.Images;

namespace Iqa.Gpu.Metrics.Gmsd;

/// <summary>
/// GMSD, gradient magnitude similarity deviation (Xue, Zhang, Mou, Bovik, IEEE TIP 2014), as the authors' GMSD.m:
/// on the profile's gray plane on the 0..255 scale (MATLAB rgb2gray for the <c>matlab</c> profile; <c>rgb</c> reads as
/// gray, the metric being defined on one channel; 16-bit samples scaled by 255 / 65535), T = 170, the standard deviation
/// of the GMS map. 0 for identical images; larger is worse.
/// </summary>
public sealed class GmsdMetric : IFullReferenceMetric
{
    public static readonly MetricDescriptor Info = new(
        "gmsd", MetricKind.FullReference, LowerIsBetter: true, "[0, 1)",
        "Gradient magnitude similarity deviation (Xue et al. 2014), GMSD.m conventions",
        ["gmsd"], () => new GmsdMetric())
    {
        Reads = MetricInputs.DeviceGray,
        Bounds = (0, 1),
    };

    private IGmsdOperations _operations = null!;
    private ColorMode _color;

    public MetricDescriptor Descriptor => Info;

    public void Initialize(MetricContext context)
    {
        _operations = IGmsdOperations.On(context.Device);
        _color = context.Settings.Color;
    }

    public void Compute(MetricInput reference, MetricInput distorted, IDictionary<string, double> scores) =>
        scores["gmsd"] = _operations.Compute(reference.DeviceGray255(_color), distorted.DeviceGray255(_color)).StandardDeviation;
}
