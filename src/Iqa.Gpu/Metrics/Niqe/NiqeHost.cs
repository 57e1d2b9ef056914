using System.Buffers;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// One scale's MSCN field and per-block sums on the host, a block row at a time: the block row's image rows and the
/// window's margin are read from the <see cref="NiqeImage"/> into a band, its MSCN values live only while its blocks
/// are summed. <see cref="Vectorized"/> (the CPU device's production code: block rows in parallel unless the caller
/// already runs one item per core (<see cref="CpuParallel"/>), separable SIMD filtering) or <see cref="Scalar"/>
/// (plain single-threaded loops, the oracle and speed baseline).
/// </summary>
internal sealed class NiqeHost(bool vectorized) : INiqeOperations
{
    public static NiqeHost Vectorized { get; } = new(vectorized: true);

    public static NiqeHost Scalar { get; } = new(vectorized: false);

    public NiqeBlockStatistics BlockStatistics(NiqeImage image, int blockSize)
    {
        int width = image.Width, across = width / blockSize, down = image.Height / blockSize;
        var sums = new AggdSums[across * down * NiqeKernels.Fields];
        var sigmaSums = new double[across * down];
        void BlockRow(int by)
        {
            var pool = ArrayPool<double>.Shared;
            int first = Math.Max(0, by * blockSize - MscnWindow.Radius);
            int last = Math.Min(image.Height - 1, (by + 1) * blockSize - 1 + MscnWindow.Radius);
            double[] band = pool.Rent((last - first + 1) * width), values = pool.Rent(blockSize * width);
            image.ReadRows(first, last - first + 1, band);
            var field = Mscn.Compute(new ImageBand(band, first, width, image.Height), by, blockSize, vectorized, values);
            for (int bx = 0; bx < across; bx++)
            {
                int i = by * across + bx;
                BlockFeatures.Accumulate(field, bx, vectorized, sums.AsSpan(i * NiqeKernels.Fields, NiqeKernels.Fields));
                sigmaSums[i] = field.BlockSigmaSum(bx);
            }
            pool.Return(band);
            pool.Return(values);
        }
        if (vectorized)
            CpuParallel.For(down, BlockRow);
        else
            for (int by = 0; by < down; by++)
                BlockRow(by);
        return new NiqeBlockStatistics(sums, sigmaSums);
    }
}
