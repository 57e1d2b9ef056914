using Iqa.Gpu.Devices;
using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// What NIQE's AGGD fits need from one scale (computequality.m, computefeature.m), per block, row-major over the
/// block grid: <see cref="NiqeKernels.Fields"/> consecutive <see cref="AggdSums"/> per block (the MSCN values, then
/// their products with circshift [0 1], [1 0], [1 1], [1 -1] inside the block), and the block's sum of the local
/// deviation σ (added row by row: each image row's part of the block from the left, then the rows from the top).
/// </summary>
public sealed record NiqeBlockStatistics(AggdSums[] Sums, double[] SigmaSums);

/// <summary>
/// NIQE's per-pixel and per-block work on a device: <see cref="NiqeHost"/> on the CPU, <see cref="NiqeIlgpu"/> on
/// ILGPU devices. The fits (a table search per sum set) and the 36×36 algebra are done once on the host for every device.
/// </summary>
public interface INiqeOperations
{
    /// <summary>
    /// The MSCN map (7×7 window, replicated borders, the flat rule of docs/niqe.md) of <paramref name="image"/>
    /// (0..255 scale, sides multiples of <paramref name="blockSize"/>), then the per-block sums.
    /// </summary>
    NiqeBlockStatistics BlockStatistics(NiqeImage image, int blockSize);

    /// <summary>The implementation for <paramref name="device"/>, made (kernels compiled) on first use.</summary>
    static INiqeOperations On(IComputeDevice device) =>
        device.Implementation<INiqeOperations>(_ => NiqeHost.Vectorized, d => new NiqeIlgpu(d));
}
