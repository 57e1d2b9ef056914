using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics.Compat;

namespace Iqa.Gpu.Metrics.Ssim;

/// <summary>
/// SSIM (Wang, Bovik, Sheikh, Simoncelli 2004) as ssim_index.m / Wang's ssim.m: 11x11 Gaussian window
/// (sigma 1.5), K1 = 0.01, K2 = 0.03, L = data range, 'valid' region, mean of the map; optional automatic
/// downsampling first. Colour images follow the profile; <c>rgb</c> averages the per-channel scores. Under the
/// <c>libvmaf</c> and <c>ffmpeg</c> profiles, the tool's SSIM on the integer planes (<see cref="ToolScores"/>).
/// </summary>
public sealed class SsimMetric : IFullReferenceMetric
{
    public const double K1 = 0.01, K2 = 0.03;

    public static readonly SsimParameters Parameters =
        new(GaussianWindow.Ssim, (float)(K1 * K1), (float)(K2 * K2), MetricInput.Offset);

    public static readonly MetricDescriptor Info = new(
        "ssim", MetricKind.FullReference, LowerIsBetter: false, "[-1, 1]",
        "Structural similarity (Wang et al. 2004), MATLAB ssim.m conventions by default",
        ["ssim"], () => new SsimMetric())
    {
        Bounds = (-1, 1),
        Reads = MetricInputs.DevicePlanes | MetricInputs.IntegerPlanes,
    };

    private ISsimOperations _operations = null!;
    private ColorMode _color;
    private Downsample _downsample;
    private ToolConventions _tool;

    public MetricDescriptor Descriptor => Info;

    public string? ComputedOn { get; private set; }

    public void Initialize(MetricContext context)
    {
        _operations = ISsimOperations.On(context.Device);
        _color = context.Settings.Color;
        _downsample = context.Settings.Downsample;
        _tool = context.Settings.Tool;
        ComputedOn = ToolScores.ComputedOn(_tool, context.Device, "ssim");
    }

    public void Compute(MetricInput reference, MetricInput distorted, IDictionary<string, double> scores)
    {
        if (_tool != ToolConventions.Reference)
        {
            scores["ssim"] = ToolScores.Ssim(_tool, reference.IntegerPlanes(_color), distorted.IntegerPlanes(_color), _downsample);
            return;
        }
        var refPlanes = reference.Planes(_color);
        var distPlanes = distorted.Planes(_color);
        int factor = _downsample.FactorFor(reference.Width, reference.Height);
        double sum = 0;
        for (int p = 0; p < refPlanes.Count; p++)
            sum += Means(_operations, refPlanes[p], distPlanes[p], factor, reference.Label, SsimMeansNeeded.ForScore).Ssim;
        scores["ssim"] = sum / refPlanes.Count;
    }

    /// <summary>SSIM and CS means of one plane pair after downsampling by <paramref name="factor"/> (the SSIM mean alone with <see cref="SsimMeansNeeded.ForScore"/>).</summary>
    public static SsimMeans Means(ISsimOperations operations, IDevicePlane x, IDevicePlane y, int factor, string label,
        SsimMeansNeeded needed = SsimMeansNeeded.All)
    {
        if (factor == 1)
        {
            RequireWindow(x.Width, x.Height, label, "");
            return operations.Scales(x, y, Parameters, 1, needed)[0];
        }
        // Checked before downsampling: a factor larger than the image would also leave the box filter's one reflection.
        RequireWindow((x.Width + factor - 1) / factor, (x.Height + factor - 1) / factor, label, $" after downsampling by {factor}");
        using var xs = operations.BoxDownsample(x, factor);
        using var ys = operations.BoxDownsample(y, factor);
        return operations.Scales(xs, ys, Parameters, 1, needed)[0];
    }

    /// <summary>Throws the user-facing error for a plane smaller than the window.</summary>
    public static void RequireWindow(int width, int height, string label, string where)
    {
        int taps = Parameters.Window.Length;
        if (width < taps || height < taps)
            throw new IqaException($"{label}: {width}x{height}{where} is smaller than the {taps}x{taps} SSIM window");
    }
}
