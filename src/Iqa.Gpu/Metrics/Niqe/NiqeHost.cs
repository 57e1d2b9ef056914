using System.Buffers;
using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// One scale's MSCN field and per-block sums on the host: <see cref="Vectorized"/> (the CPU device's production code:
/// separable SIMD filtering in parallel row bands, blocks in parallel) or <see cref="Scalar"/> (plain single-threaded
/// loops, the oracle and speed baseline).
/// </summary>
internal sealed class NiqeHost(bool vectorized) : INiqeOperations
{
    public static NiqeHost Vectorized { get; } = new(vectorized: true);

    public static NiqeHost Scalar { get; } = new(vectorized: false);

    public NiqeBlockStatistics BlockStatistics(double[] image, int width, int height, int blockSize)
    {
        double[] values = ArrayPool<double>.Shared.Rent(width * height);
        try
        {
            var field = Mscn.Compute(image, width, height, blockSize, vectorized, values);
            int across = field.BlocksAcross, count = across * field.BlocksDown;
            var sums = new AggdSums[count * NiqeKernels.Fields];
            var sigmaSums = new double[count];
            void Block(int i)
            {
                BlockFeatures.Accumulate(field, i % across, i / across, vectorized, sums.AsSpan(i * NiqeKernels.Fields, NiqeKernels.Fields));
                sigmaSums[i] = field.BlockSigmaSum(i % across, i / across);
            }
            if (vectorized)
                Parallel.For(0, count, Block);
            else
                for (int i = 0; i < count; i++)
                    Block(i);
            return new NiqeBlockStatistics(sums, sigmaSums);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(values);
        }
    }
}
