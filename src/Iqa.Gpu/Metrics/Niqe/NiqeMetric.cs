using Iqa.Gpu.Backends;
using Iqa.Gpu.Images;

namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// NIQE (Mittal, Soundararajan, Bovik 2013) as the metric table's <c>niqe</c> row: the profile's gray conversion
/// (<c>rgb</c> falls back to <c>gray</c>: NIQE is defined on one channel), samples on the 0..255 scale (16-bit and
/// high-bit-depth video are scaled by 255 / max), the LIVE release's pristine model or a fitted one
/// (<c>--set niqe.model=PATH</c> or <c>--niqe-model PATH</c>). The MSCN maps and block sums are computed by the
/// context's backend (<see cref="IComputeBackend.NiqeBlockStatistics"/>); crop, resize, fits and distance on the host.
/// </summary>
public sealed class NiqeMetric : INoReferenceMetric
{
    public static readonly MetricDescriptor Info = new(
        "niqe", MetricKind.NoReference, LowerIsBetter: true, "[0, inf)",
        "NIQE (Mittal et al. 2013), LIVE release computequality.m with its pristine model",
        BackendFactory.Names.Skip(1).ToArray(), ["niqe"], () => new NiqeMetric())
    {
        Options =
        [
            new("model", "live", null, "Pristine model: live (the LIVE release's, built in) or a JSON file from 'iqa niqe-fit' (docs/niqe-model.md)"),
        ],
    };

    private NiqeModel? _model;

    public MetricDescriptor Descriptor => Info;

    public void Compute(MetricContext context, MetricInput image, IDictionary<string, double> scores)
    {
        if (_model is null)
        {
            string model = context.Settings.Option(Info, "model");
            _model = model == "live" ? NiqeModel.Default : NiqeModel.Load(model);
        }
        try
        {
            scores["niqe"] = NiqeCalculator.On(context.Backend).Score(GrayPlane(image, context.Settings.Color), _model);
        }
        catch (IqaException e)
        {
            throw new IqaException($"{image.Label}: {e.Message}", e);
        }
    }

    /// <summary>The image as one plane on the 0..255 scale.</summary>
    public static Plane GrayPlane(MetricInput input, ColorMode color)
    {
        if (input.Image is { } decoded)
            return ColorConversion.ToPlanes(decoded, color == ColorMode.Rgb ? ColorMode.Gray : color, 255.0 / decoded.MaxValue, 0)[0];
        // Planes of integer samples (video), normalized as x / L - 0.5 in float32 (L the data range): rounding
        // recovers x exactly; then x is put on the 0..255 scale by the source's largest sample value.
        var host = input.HostPlanes![0];
        var gray = new Plane(host.Width, host.Height);
        double range = input.DataRange, toScale = 255.0 / input.SampleMax!.Value;
        for (int i = 0; i < gray.Data.Length; i++)
            gray.Data[i] = (float)(Math.Round((host.Data[i] + MetricInput.Offset) * range) * toScale);
        return gray;
    }
}
