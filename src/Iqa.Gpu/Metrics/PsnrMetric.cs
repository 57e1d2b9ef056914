using Iqa.Gpu.Backends;

namespace Iqa.Gpu.Metrics;

/// <summary>
/// PSNR = 10 log10(L^2 / MSE) on the profile's colour planes; for <c>rgb</c> the MSE is taken over all channels
/// together. Identical inputs give +infinity (JSON writes the string "inf").
/// </summary>
public sealed class PsnrMetric : IFullReferenceMetric
{
    public static readonly MetricDescriptor Info = new(
        "psnr", MetricKind.FullReference, LowerIsBetter: false, "[0, inf] dB",
        "Peak signal-to-noise ratio, peak = data range",
        BackendFactory.Names.Skip(1).ToArray(), ["psnr"], () => new PsnrMetric());

    public MetricDescriptor Descriptor => Info;

    public void Compute(MetricContext context, MetricInput reference, MetricInput distorted, IDictionary<string, double> scores)
    {
        var refPlanes = reference.Planes(context.Settings.Color);
        var distPlanes = distorted.Planes(context.Settings.Color);
        double sse = 0;
        for (int p = 0; p < refPlanes.Count; p++)
            sse += context.Backend.SumSquaredError(refPlanes[p], distPlanes[p]);
        scores["psnr"] = FromSquaredError(sse, (double)reference.Width * reference.Height * refPlanes.Count);
    }

    /// <summary>PSNR in dB of data normalized to peak 1.</summary>
    public static double FromSquaredError(double sse, double count) =>
        sse == 0 ? double.PositiveInfinity : 10 * Math.Log10(count / sse);
}
