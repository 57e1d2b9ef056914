using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Metrics.Ssim;
using Iqa.Gpu.Pipelines;

namespace Iqa.Gpu;

/// <summary>What an <see cref="IqaEngine"/> computes and where: the library's equivalent of the CLI's scoring options.</summary>
public sealed record EngineOptions
{
    /// <summary>Metric names (see <see cref="MetricRegistry.All"/>): full-reference or no-reference, not both.</summary>
    public IReadOnlyList<string> Metrics { get; init; } = ["ssim", "psnr"];

    /// <summary>Named conventions (<see cref="Profiles.Names"/>); the overrides below replace its fields.</summary>
    public string Profile { get; init; } = Profiles.Default;

    public ColorMode? Color { get; init; }

    public Downsample? Downsample { get; init; }

    /// <summary>L, overriding the bit depth's maximum.</summary>
    public double? DataRange { get; init; }

    /// <summary>Metric options keyed <c>metric.option</c>, e.g. <c>ms_ssim.small</c> = <c>fewer</c> (see <c>iqa metrics</c>).</summary>
    public IReadOnlyDictionary<string, string> MetricOptions { get; init; } = new Dictionary<string, string>();

    /// <summary>auto, cpu, ilgpu-cpu, cuda, opencl, or cuda:N / opencl:N.</summary>
    public string Accelerator { get; init; } = "auto";

    /// <summary>Images with more pixels are refused (decompression-bomb guard).</summary>
    public long MaxPixels { get; init; } = ImageDecoder.DefaultMaxPixels;

    /// <summary>Decoding parallelism and memory bounds of <see cref="IqaEngine.ScoreAllAsync"/>.</summary>
    public BatchOptions Batch { get; init; } = BatchOptions.Default;
}
