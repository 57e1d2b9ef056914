using Iqa.Gpu.Images;
using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Backends;

/// <summary>A float plane resident where a backend computes (host memory for <c>cpu</c>, device memory for ILGPU).</summary>
public interface IDevicePlane : IDisposable
{
    int Width { get; }
    int Height { get; }
}

/// <summary>Window and constants of one SSIM evaluation, on data normalized by the data range.</summary>
/// <param name="Window">Normalized 1-D window; the 2-D window is its outer product (separable).</param>
/// <param name="C1">(K1 L)^2 with L = 1 after normalization.</param>
/// <param name="C2">(K2 L)^2 with L = 1 after normalization.</param>
/// <param name="Offset">The centring subtracted from the normalized data, added back to the means.</param>
public sealed record SsimParameters(float[] Window, float C1, float C2, float Offset);

/// <summary>Means of the SSIM map and of the contrast-structure map over the 'valid' region.</summary>
public readonly record struct SsimMeans(double Ssim, double ContrastStructure);

/// <summary>
/// What NIQE's AGGD fits need from one scale (computequality.m, computefeature.m), per block, row-major over the
/// block grid: <see cref="NiqeKernels.Fields"/> consecutive <see cref="AggdSums"/> per block (the MSCN values, then
/// their products with circshift [0 1], [1 0], [1 1], [1 -1] inside the block), and the block's sum of the local
/// deviation σ (added row by row: each image row's part of the block from the left, then the rows from the top).
/// </summary>
public sealed record NiqeBlockStatistics(AggdSums[] Sums, double[] SigmaSums);

/// <summary>
/// The primitives every metric is written in. A metric's host code (colour, profiles, scale loops) is shared;
/// each backend family implements these once: the vectorized C# path and the ILGPU kernels.
/// Every reduction is deterministic: per-row partial sums in double, added in row order.
/// </summary>
public interface IComputeBackend : IDisposable
{
    /// <summary>Public backend name: cpu, ilgpu-cpu, cuda, opencl.</summary>
    string Name { get; }

    /// <summary>The device it runs on, for outputs and <c>iqa devices</c>.</summary>
    string DeviceName { get; }

    /// <summary>Makes a host plane available to the backend (a copy to the device, or a view on the CPU).</summary>
    IDevicePlane Upload(Plane plane);

    /// <summary>MATLAB imfilter(x, ones(f)/f^2, 'symmetric', 'same') then x(1:f:end, 1:f:end).</summary>
    IDevicePlane BoxDownsample(IDevicePlane source, int factor);

    /// <summary>
    /// SSIM and contrast-structure means of the 'valid' Gaussian-window maps (ssim_index.m) at
    /// <paramref name="scales"/> scales: the inputs, then each previous scale box-downsampled by 2 (msssim.m).
    /// Devices keep every scale resident and return all the means in one read-back.
    /// </summary>
    SsimMeans[] SsimScales(IDevicePlane x, IDevicePlane y, SsimParameters parameters, int scales);

    /// <summary>Sum over all pixels of (x - y)^2, in double.</summary>
    double SumSquaredError(IDevicePlane x, IDevicePlane y);

    /// <summary>
    /// NIQE's per-pixel and per-block work at one scale: the MSCN map (7×7 window, replicated borders, the flat
    /// rule of docs/niqe.md) of the <paramref name="width"/>×<paramref name="height"/> image held row-major at the
    /// start of <paramref name="image"/> (0..255 scale, sides multiples of <paramref name="blockSize"/>), then the
    /// per-block sums. Only these come back; the fits (a table search per sum set) and the 36×36 algebra are
    /// done once on the host for every backend.
    /// </summary>
    NiqeBlockStatistics NiqeBlockStatistics(double[] image, int width, int height, int blockSize);
}
