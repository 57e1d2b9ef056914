using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using Iqa.Gpu.Devices.Ilgpu;
using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Metrics.Niqe;

using MscnLauncher = Action<AcceleratorStream, Index2D, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, int, int>;
using BlockSumsLauncher = Action<AcceleratorStream, Index1D, ArrayView<double>, ArrayView<double>, ArrayView<AggdSums>, ArrayView<double>, int, int, int>;

/// <summary>
/// NIQE's per-pixel and per-block work on an ILGPU device: the scale read whole into a pooled host array, upload, the
/// MSCN kernel (one work item per pixel), the block-sums kernel (one per block), one read-back of the sums. Device
/// buffers come from the pool by size, so a stream of same-size images allocates once.
/// </summary>
internal sealed class NiqeIlgpu(IlgpuDevice device) : INiqeOperations
{
    /// <summary><see cref="AggdSums"/> is six doubles, laid out sequentially.</summary>
    private static readonly int AggdSumsDoubles = Unsafe.SizeOf<AggdSums>() / sizeof(double);

    private readonly MscnLauncher _mscn = device.AutoGrouped<MscnLauncher>(NiqeKernels.Mscn);
    private readonly BlockSumsLauncher _blockSums = device.AutoGrouped<BlockSumsLauncher>(NiqeKernels.BlockSums);

    public NiqeBlockStatistics BlockStatistics(NiqeImage image, int blockSize)
    {
        int width = image.Width, height = image.Height;
        int pixels = width * height, across = width / blockSize, blocks = across * (height / blockSize);
        double[] host = ArrayPool<double>.Shared.Rent(pixels);
        var doubles = device.Doubles;
        var source = doubles.Rent(pixels);
        var mscn = doubles.Rent(pixels);
        var sigma = doubles.Rent(pixels);
        // One buffer for both outputs: the sums (six doubles per AggdSums), then one σ sum per block.
        int sumDoubles = blocks * NiqeKernels.Fields * AggdSumsDoubles;
        var output = doubles.Rent(sumDoubles + blocks);
        try
        {
            image.ReadAll(host);
            source.View.AsContiguous().CopyFromCPU(device.Stream, host.AsSpan(0, pixels));
            _mscn(device.Stream, new Index2D(width, height), source.View, device.Constant(MscnWindow.Window2D), mscn.View, sigma.View, width, height);
            ArrayView<double> all = output.View;
            var sums = all.SubView(0, sumDoubles).Cast<AggdSums>();
            var sigmaSums = all.SubView(sumDoubles, blocks);
            _blockSums(device.Stream, blocks, mscn.View, sigma.View, sums, sigmaSums, width, blockSize, across);
            var results = device.Download(output.View, sumDoubles + blocks);
            return new NiqeBlockStatistics(
                MemoryMarshal.Cast<double, AggdSums>(results.AsSpan(0, sumDoubles)).ToArray(), results[sumDoubles..]);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(host);
            doubles.Return(source);
            doubles.Return(mscn);
            doubles.Return(sigma);
            doubles.Return(output);
        }
    }
}
