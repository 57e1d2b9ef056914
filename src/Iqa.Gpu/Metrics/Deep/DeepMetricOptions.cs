namespace Iqa.Gpu.Metrics.Deep;

/// <summary>How a <see cref="DeepMetric"/> loads and runs its model.</summary>
public sealed record DeepMetricOptions
{
    /// <summary>
    /// The ONNX model file (the CLI's --model PATH). Required for metrics without a bundled model (lpips-vgg, dists);
    /// for bundled ones it replaces the file under <c>models/</c> in the build output.
    /// </summary>
    public string? ModelPath { get; init; }

    /// <summary>
    /// Threads ONNX Runtime uses inside one operator (SessionOptions.IntraOpNumThreads). Default: the core count,
    /// the fastest setting for one image pair at a time; lower it when several metrics or processes share the machine.
    /// </summary>
    public int IntraOpThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>The default working-set bound of one inference: 1 GiB, whatever the machine.</summary>
    public const int DefaultMemoryMiB = 1024;

    /// <summary>
    /// The working-set bound of one inference: the estimated peak memory of a call
    /// (<see cref="DeepModelDescriptor.PeakBytesPerPixel"/> x pixels x pairs) stays below it. Batches of pairs are
    /// split into calls that fit; a pair that alone exceeds it is scored in tiles that fit, or fails with an
    /// <see cref="IqaException"/> when even the smallest tile would not. Models without a measured figure are not
    /// checked. A fixed bound (default 1 GiB), so the memory a run takes does not depend on the machine it runs on.
    /// </summary>
    public long MemoryLimitBytes { get; init; } = (long)DefaultMemoryMiB << 20;

    /// <summary>
    /// LPIPS only: score in tiles whose scored part (core) is this many pixels square, a multiple of 16 and at least 64
    /// (see docs/deep-metrics.md; the result equals the untiled one up to float32 rounding). Null: tile only when
    /// scoring the whole image at once would exceed <see cref="MemoryLimitBytes"/>, with the largest core that fits.
    /// </summary>
    public int? TileSize { get; init; }

    /// <summary>
    /// The GPU build's CUDA device (<c>--accelerator cuda:N</c>): ONNX Runtime runs on it, and the inputs are prepared in
    /// its memory by the engine (<see cref="DeviceInput"/>). Null: host memory (the CPU build, or a CPU device).
    /// </summary>
    public Devices.Ilgpu.IlgpuDevice? CudaDevice { get; init; }
}
