using Iqa.Gpu.Devices;
using Iqa.Gpu.Metrics.Options;

namespace Iqa.Gpu.Metrics;

public enum MetricKind
{
    FullReference,
    NoReference,
}

/// <summary>What a metric reads from each input; the scorer prepares each kind once per item and shares it.</summary>
[Flags]
public enum MetricInputs
{
    /// <summary>The profile's colour planes, normalized to <c>x / L - 0.5</c> and resident on the device.</summary>
    DevicePlanes = 1,

    /// <summary>One gray plane on the 0..255 scale in host memory (<see cref="MetricInput.Gray255"/>).</summary>
    HostGray = 2,

    /// <summary>The decoded RGB image itself (the deep networks): images only, never video planes.</summary>
    RgbImage = 4,

    /// <summary>The <see cref="HostGray"/> plane, resident on the device (<see cref="MetricInput.DeviceGray255"/>).</summary>
    DeviceGray = 8,

    /// <summary>The colour planes as integers at the source's bit depth (the libvmaf and ffmpeg profiles).</summary>
    IntegerPlanes = 16,
}

/// <summary>
/// One row of the metric table: public name, kind, direction, range, what it reads and where it runs.
/// <paramref name="ScoreNames"/> are the keys the metric writes (a metric may emit more than one score).
/// </summary>
public sealed record MetricDescriptor(
    string Name,
    MetricKind Kind,
    bool LowerIsBetter,
    string Range,
    string Description,
    IReadOnlyList<string> ScoreNames,
    Func<IMetric> Create)
{
    /// <summary>Options this metric accepts, with their types and bounds.</summary>
    public IReadOnlyList<MetricOption> Options { get; init; } = [];

    /// <summary>The inputs it reads (default: normalized planes on the device).</summary>
    public MetricInputs Reads { get; init; } = MetricInputs.DevicePlanes;

    /// <summary>The devices it computes on: every device kind, unless it runs elsewhere (ONNX Runtime).</summary>
    public IReadOnlyList<string> RunsOn { get; init; } = DeviceFactory.Kinds;

    /// <summary>
    /// The values the score named like the metric (and its per-plane variants) can take when computed correctly:
    /// beyond them a score is an error, not a result (NaN always is). Null where the bound depends on the input
    /// (PSNR with a data range below the samples' largest value).
    /// </summary>
    public (double Min, double Max)? Bounds { get; init; }

    public string KindName => Kind == MetricKind.FullReference ? "full-reference" : "no-reference";
    public string Direction => LowerIsBetter ? "lower is better" : "higher is better";

    /// <summary>The public name: how a metric is shown wherever it is printed (help defaults, messages).</summary>
    public override string ToString() => Name;
}
