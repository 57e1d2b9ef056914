using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics.Compat;
using Iqa.Gpu.Metrics.Options;

namespace Iqa.Gpu.Metrics.Ssim;

/// <summary>
/// MS-SSIM (Wang, Simoncelli, Bovik 2003) as Wang's msssim.m: 5 scales with weights
/// [0.0448 0.2856 0.3001 0.2363 0.1333]; mean contrast-structure at scales 1-4 and full SSIM at scale 5,
/// combined as a product of powers; between scales a 2x2 box filter with symmetric padding, then every 2nd
/// pixel from the first; no initial downsampling. Colour follows the profile (<c>rgb</c> averages channels).
/// </summary>
public sealed class MsSsimMetric : IFullReferenceMetric
{
    public static readonly double[] Weights = [0.0448, 0.2856, 0.3001, 0.2363, 0.1333];

    private static readonly ChoiceOption Small = new("small", "error", ["error", "fewer"],
        "An image too small for 5 scales (shorter side under 176, msssim.m's rule): error, or score the scales that fit with renormalized weights (adds the score ms_ssim_scales)");

    private static readonly ChoiceOption Negative = new("negative", "clamp", ["clamp", "error"],
        "A negative mean at a scale (raised to a fractional power in msssim.m): clamp it to 0 (as pytorch-msssim and piq do), or error");

    public static readonly MetricDescriptor Info = new(
        "ms_ssim", MetricKind.FullReference, LowerIsBetter: false, "[0, 1]",
        "Multi-scale SSIM (Wang et al. 2003), msssim.m conventions",
        ["ms_ssim", "ms_ssim_scales"], () => new MsSsimMetric())
    {
        Options = [Small, Negative],
        Bounds = (0, 1),
        Reads = MetricInputs.DevicePlanes | MetricInputs.IntegerPlanes,
    };

    private ISsimOperations _operations = null!;
    private ColorMode _color;
    private bool _fewer, _clamp;
    private ToolConventions _tool;

    public MetricDescriptor Descriptor => Info;

    public string? ComputedOn { get; private set; }

    public void Initialize(MetricContext context)
    {
        _operations = ISsimOperations.On(context.Device);
        _color = context.Settings.Color;
        _fewer = context.Settings.Get(Info, Small) == "fewer";
        _clamp = context.Settings.Get(Info, Negative) == "clamp";
        _tool = context.Settings.Tool;
        if (_tool == ToolConventions.Ffmpeg)
            throw new IqaException("FFmpeg computes no MS-SSIM: profile ffmpeg scores ssim and psnr");
        ComputedOn = ToolScores.ComputedOn(_tool, context.Device, "float_ms_ssim");
    }

    public void Compute(MetricInput reference, MetricInput distorted, IDictionary<string, double> scores)
    {
        if (_tool != ToolConventions.Reference)
        {
            scores["ms_ssim"] = ToolScores.MsSsim(_tool, reference.IntegerPlanes(_color), distorted.IntegerPlanes(_color));
            return;
        }
        bool fewer = _fewer, clamp = _clamp;
        int scales = ScalesThatFit(reference.Width, reference.Height);
        if (scales < Weights.Length && !fewer)
            throw new IqaException(
                $"{reference.Label}: {reference.Width}x{reference.Height} is too small for {Weights.Length} MS-SSIM scales " +
                $"(each side must be at least {MinimumSide(Weights.Length)}); '--set ms_ssim.small=fewer' scores {Math.Max(scales, 0)} scale(s)");
        if (scales < 1)
            SsimMetric.RequireWindow(reference.Width, reference.Height, reference.Label, "");
        double[] weights = Weights[..scales];
        // msssim.m's five weights sum to 1.0001 and are used as they are; fewer scales are renormalized to sum 1.
        double total = scales == Weights.Length ? 1 : weights.Sum();
        var refPlanes = reference.Planes(_color);
        var distPlanes = distorted.Planes(_color);
        double sum = 0;
        for (int p = 0; p < refPlanes.Count; p++)
        {
            var means = _operations.Scales(refPlanes[p], distPlanes[p], SsimMetric.Parameters, scales, SsimMeansNeeded.ForScore);
            double product = 1;
            for (int s = 0; s < scales; s++)
            {
                double value = s == scales - 1 ? means[s].Ssim : means[s].ContrastStructure;
                if (value < 0)
                {
                    if (!clamp)
                        throw new IqaException(
                            $"{distorted.Label}: negative MS-SSIM {(s == scales - 1 ? "SSIM" : "contrast-structure")} mean {value:G6} at scale {s + 1} ('--set ms_ssim.negative=clamp' scores it as 0)");
                    value = 0;
                }
                product *= Math.Pow(value, weights[s] / total);
            }
            sum += product;
        }
        scores["ms_ssim"] = sum / refPlanes.Count;
        if (fewer)
            scores["ms_ssim_scales"] = scales;
    }

    /// <summary>
    /// How many scales msssim.m accepts: the most, up to 5, with min(H, W) / 2^(scales - 1) at least the 11-pixel
    /// window (so 5 scales need a shorter side of 176).
    /// </summary>
    public static int ScalesThatFit(int width, int height)
    {
        int taps = SsimMetric.Parameters.Window.Length, scales = 0;
        while (scales < Weights.Length && Math.Min(width, height) >= taps * (1 << scales))
            scales++;
        return scales;
    }

    private static int MinimumSide(int scales) => SsimMetric.Parameters.Window.Length * (1 << (scales - 1));
}
