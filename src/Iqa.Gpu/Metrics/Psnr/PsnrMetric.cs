using Iqa.Gpu.Images;

namespace Iqa.Gpu.Metrics.Psnr;

/// <summary>
/// PSNR = 10 log10(L^2 / MSE) on the profile's colour planes; for <c>rgb</c> the MSE is taken over all channels
/// together. Identical inputs give +infinity (JSON writes the string "inf").
/// </summary>
public sealed class PsnrMetric : IFullReferenceMetric
{
    public static readonly MetricDescriptor Info = new(
        "psnr", MetricKind.FullReference, LowerIsBetter: false, "[0, inf] dB",
        "Peak signal-to-noise ratio, peak = data range",
        ["psnr"], () => new PsnrMetric());

    private IPsnrOperations _operations = null!;
    private ColorMode _color;

    public MetricDescriptor Descriptor => Info;

    public void Initialize(MetricContext context)
    {
        _operations = IPsnrOperations.On(context.Device);
        _color = context.Settings.Color;
    }

    public void Compute(MetricInput reference, MetricInput distorted, IDictionary<string, double> scores)
    {
        var refPlanes = reference.Planes(_color);
        var distPlanes = distorted.Planes(_color);
        double sse = 0;
        for (int p = 0; p < refPlanes.Count; p++)
            sse += _operations.SumSquaredError(refPlanes[p], distPlanes[p]);
        scores["psnr"] = FromSquaredError(sse, (double)reference.Width * reference.Height * refPlanes.Count);
    }

    /// <summary>PSNR in dB of data normalized to peak 1.</summary>
    public static double FromSquaredError(double sse, double count) =>
        sse == 0 ? double.PositiveInfinity : 10 * Math.Log10(count / sse);
}
