using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics.Options;

namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// NIQE (Mittal, Soundararajan, Bovik 2013) as the metric table's <c>niqe</c> row: the profile's gray conversion
/// (<c>rgb</c> falls back to <c>gray</c>: NIQE is defined on one channel), samples on the 0..255 scale (16-bit and
/// high-bit-depth video are scaled by 255 / max), the LIVE release's pristine model or a fitted one
/// (<c>--set niqe.model=PATH</c> or <c>--niqe-model PATH</c>), loaded in the init phase. The MSCN maps and block sums
/// are computed on the context's device (<see cref="INiqeOperations"/>); crop, resize, fits and distance on the host.
/// </summary>
public sealed class NiqeMetric : INoReferenceMetric
{
    private static readonly PathOption Model = new("model", "live", ["live"],
        "Pristine model: live (the LIVE release's, built in) or a JSON file from 'iqa niqe-fit' (docs/niqe-model.md)");

    public static readonly MetricDescriptor Info = new(
        "niqe", MetricKind.NoReference, LowerIsBetter: true, "[0, inf)",
        "NIQE (Mittal et al. 2013), LIVE release computequality.m with its pristine model",
        ["niqe"], () => new NiqeMetric())
    {
        Options = [Model],
        Reads = MetricInputs.HostGray,
        Bounds = (0, double.PositiveInfinity),
    };

    private NiqeModel _model = null!;
    private NiqeCalculator _calculator = null!;
    private ColorMode _color;

    public MetricDescriptor Descriptor => Info;

    public void Initialize(MetricContext context)
    {
        string model = context.Settings.Get(Info, Model);
        _model = Model.IsKeyword(model) ? NiqeModel.Default : NiqeModel.Load(model);
        _calculator = NiqeCalculator.On(context.Device);
        _color = context.Settings.Color;
        if (context.Device is CpuDevice)
            CpuWarmup.Start(() => _calculator.Score(CpuWarmup.Texture(2 * NiqeCalculator.BlockSize, 2 * NiqeCalculator.BlockSize, 3)
                .ToPlanes(ColorMode.Gray, 1, 0)[0], _model));
    }

    public void Compute(MetricInput image, IDictionary<string, double> scores)
    {
        try
        {
            scores["niqe"] = _calculator.Score(image.Gray255(_color), _model);
        }
        catch (IqaException e)
        {
            throw new IqaException($"{image.Label}: {e.Message}", e);
        }
    }
}
