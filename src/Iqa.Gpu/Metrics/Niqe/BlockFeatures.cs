using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// The 18 features of one block of an MSCN field, as computefeature.m computes them: the AGGD fit of the
/// block (α and (β_l+β_r)/2), then for each of the shifts [0 1], [1 0], [1 1], [1 −1] the fit of the block
/// times <c>circshift(block, shift)</c> (α, η, β_l, β_r). The shift wraps around inside the block:
/// <c>circshift(A,[1 -1])(i,j) = A(i−1, j+1)</c>, indices modulo the block size.
/// </summary>
internal static class BlockFeatures
{
    public const int Count = 18;

    /// <summary>The MSCN values and the four products, the five sample vectors of one block.</summary>
    private const int Fields = NiqeKernels.Fields;

    /// <summary>The sums of the five sample vectors of the block at block column bx of the field's block row.</summary>
    public static void Accumulate(MscnField field, int bx, bool vectorized, Span<AggdSums> stats)
    {
        if (vectorized)
            AccumulateVectorized(field, bx, stats);
        else
            AccumulateScalar(field, bx, stats);
    }

    /// <summary>The 18 features from the sums of the five sample vectors (as every backend produces them).</summary>
    public static void FromSums(ReadOnlySpan<AggdSums> stats, bool exhaustiveSearch, Span<double> features)
    {
        var fit = stats[0].Fit(exhaustiveSearch);
        features[0] = fit.Alpha;
        features[1] = (fit.BetaLeft + fit.BetaRight) / 2;
        for (int s = 1; s < Fields; s++)
        {
            fit = stats[s].Fit(exhaustiveSearch);
            Span<double> f = features.Slice(2 + 4 * (s - 1), 4);
            f[0] = fit.Alpha;
            f[1] = fit.Mean;
            f[2] = fit.BetaLeft;
            f[3] = fit.BetaRight;
        }
    }

    /// <summary>The loop of <see cref="NiqeKernels.BlockSums"/>, over a managed array.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AccumulateScalar(MscnField field, int bx, Span<AggdSums> stats)
    {
        int b = field.BlockSize, w = field.Width;
        double[] v = field.Values;
        int origin = bx * b;
        for (int i = 0; i < b; i++)
        {
            int row = origin + i * w, up = origin + (i + b - 1) % b * w;
            for (int j = 0; j < b; j++)
            {
                int left = (j + b - 1) % b, right = (j + 1) % b;
                double c = v[row + j];
                stats[0].Add(c);
                stats[1].Add(c * v[row + left]);
                stats[2].Add(c * v[up + j]);
                stats[3].Add(c * v[up + left]);
                stats[4].Add(c * v[up + right]);
            }
        }
    }

    /// <summary>
    /// The same sums with <see cref="Vector{T}"/>. The block is copied once with the wrap-around made explicit:
    /// copy row 0 is block row b − 1 (the row above row 0, cyclically), copy row i + 1 is block row i, and every
    /// row carries its last sample in front and its first behind. Each shifted neighbour is then a fixed
    /// offset, and each of the five sample vectors is summed over the whole block with its sums in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AccumulateVectorized(MscnField field, int bx, Span<AggdSums> stats)
    {
        int b = field.BlockSize, w = field.Width, stride = b + 2;
        double[] v = field.Values;
        int origin = bx * b;
        double[] padded = ArrayPool<double>.Shared.Rent((b + 1) * stride);
        for (int i = -1; i < b; i++)
        {
            Span<double> dst = padded.AsSpan((i + 1) * stride, stride);
            ReadOnlySpan<double> src = v.AsSpan(origin + (i + b) % b * w, b);
            dst[0] = src[^1];
            src.CopyTo(dst.Slice(1));
            dst[^1] = src[0];
        }
        // Offsets of the neighbour for circshift [0 1], [1 0], [1 1], [1 −1]: left, above, above-left, above-right.
        AddField(padded, stride, b, 0, ref stats[0]);
        AddField(padded, stride, b, -1, ref stats[1]);
        AddField(padded, stride, b, -stride, ref stats[2]);
        AddField(padded, stride, b, -stride - 1, ref stats[3]);
        AddField(padded, stride, b, -stride + 1, ref stats[4]);
        ArrayPool<double>.Shared.Return(padded);
    }

    /// <summary>
    /// Adds to <paramref name="sums"/> the samples c·n over the block, c a block value and n the value
    /// <paramref name="neighbour"/> places away in the padded copy; with offset 0 the samples are c alone.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddField(double[] padded, int stride, int b, int neighbour, ref AggdSums sums)
    {
        Vector<double> leftSumSq = Vector<double>.Zero, rightSumSq = Vector<double>.Zero, sumAbs = Vector<double>.Zero;
        Vector<long> leftCount = Vector<long>.Zero, rightCount = Vector<long>.Zero;
        int n = Vector<double>.Count, whole = b - b % n;
        bool product = neighbour != 0;
        for (int i = 0; i < b; i++)
        {
            int row = (i + 1) * stride + 1;
            for (int j = 0; j < whole; j += n)
            {
                var x = new Vector<double>(padded, row + j);
                if (product)
                    x *= new Vector<double>(padded, row + j + neighbour);
                var sq = x * x;
                var left = Vector.LessThan(x, Vector<double>.Zero);
                var right = Vector.GreaterThan(x, Vector<double>.Zero);
                leftSumSq += Vector.ConditionalSelect(left, sq, Vector<double>.Zero);
                rightSumSq += Vector.ConditionalSelect(right, sq, Vector<double>.Zero);
                leftCount -= left; // true lanes are −1
                rightCount -= right;
                sumAbs += Vector.Abs(x);
            }
            for (int j = whole; j < b; j++)
                sums.Add(product ? padded[row + j] * padded[row + j + neighbour] : padded[row + j]);
        }
        sums.LeftSumSq += Vector.Sum(leftSumSq);
        sums.LeftCount += Vector.Sum(leftCount);
        sums.RightSumSq += Vector.Sum(rightSumSq);
        sums.RightCount += Vector.Sum(rightCount);
        sums.SumAbs += Vector.Sum(sumAbs);
        sums.Count += (double)b * whole;
    }
}
