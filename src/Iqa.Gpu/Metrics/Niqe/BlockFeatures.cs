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

    /// <summary>Features of the block at block column bx, block row by, written to <paramref name="features"/>.</summary>
    public static void Compute(MscnField field, int bx, int by, bool vectorized, Span<double> features)
    {
        Span<AggdSums> stats = stackalloc AggdSums[Fields];
        if (vectorized)
            AccumulateVectorized(field, bx, by, stats);
        else
            AccumulateScalar(field, bx, by, stats);
        FromSums(stats, exhaustiveSearch: !vectorized, features);
    }

    /// <summary>The 18 features from the sums of the five sample vectors (as the NIQE kernels also produce them).</summary>
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
    private static void AccumulateScalar(MscnField field, int bx, int by, Span<AggdSums> stats)
    {
        int b = field.BlockSize, w = field.Width;
        double[] v = field.Values;
        int origin = by * b * w + bx * b;
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
    /// The same sums with <see cref="Vector{T}"/>: each block row and the row above it (cyclically) are copied
    /// with one wrapped sample on either side, so that the shifted neighbours are plain offset loads; the five
    /// sample vectors are summed one at a time so that their sums stay in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AccumulateVectorized(MscnField field, int bx, int by, Span<AggdSums> stats)
    {
        int b = field.BlockSize, w = field.Width;
        double[] v = field.Values;
        int origin = by * b * w + bx * b;
        Span<double> cur = stackalloc double[b + 2], above = stackalloc double[b + 2];
        Span<VectorSums> sums = stackalloc VectorSums[Fields];
        for (int i = 0; i < b; i++)
        {
            PadCyclic(v.AsSpan(origin + i * w, b), cur);
            PadCyclic(v.AsSpan(origin + (i + b - 1) % b * w, b), above);
            ReadOnlySpan<double> c = cur.Slice(1, b);
            sums[0].Add(c, c, ref stats[0], product: false);
            sums[1].Add(c, cur[..b], ref stats[1], product: true);
            sums[2].Add(c, above.Slice(1, b), ref stats[2], product: true);
            sums[3].Add(c, above[..b], ref stats[3], product: true);
            sums[4].Add(c, above.Slice(2, b), ref stats[4], product: true);
        }
        for (int s = 0; s < Fields; s++)
            sums[s].AddTo(ref stats[s]);
    }

    /// <summary>dst = [src[^1], src..., src[0]].</summary>
    private static void PadCyclic(ReadOnlySpan<double> src, Span<double> dst)
    {
        dst[0] = src[^1];
        src.CopyTo(dst.Slice(1));
        dst[^1] = src[0];
    }

    /// <summary>Lane-wise <see cref="AggdSums"/> sums.</summary>
    private struct VectorSums
    {
        private Vector<double> _leftSumSq, _rightSumSq, _sumAbs;
        private Vector<long> _leftCount, _rightCount;
        private long _count;

        /// <summary>
        /// Adds the samples a[j]·b[j] (or a[j] alone), whole vectors lane-wise, a remainder that fills no
        /// vector into <paramref name="tail"/>.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ref AggdSums tail, bool product)
        {
            Vector<double> leftSumSq = _leftSumSq, rightSumSq = _rightSumSq, sumAbs = _sumAbs;
            Vector<long> leftCount = _leftCount, rightCount = _rightCount;
            int n = Vector<double>.Count, j = 0;
            for (; j + n <= a.Length; j += n)
            {
                var x = new Vector<double>(a.Slice(j));
                if (product)
                    x *= new Vector<double>(b.Slice(j));
                var sq = x * x;
                var left = Vector.LessThan(x, Vector<double>.Zero);
                var right = Vector.GreaterThan(x, Vector<double>.Zero);
                leftSumSq += Vector.ConditionalSelect(left, sq, Vector<double>.Zero);
                rightSumSq += Vector.ConditionalSelect(right, sq, Vector<double>.Zero);
                leftCount -= left; // true lanes are −1
                rightCount -= right;
                sumAbs += Vector.Abs(x);
            }
            _count += j;
            (_leftSumSq, _rightSumSq, _sumAbs, _leftCount, _rightCount) = (leftSumSq, rightSumSq, sumAbs, leftCount, rightCount);
            for (; j < a.Length; j++)
                tail.Add(product ? a[j] * b[j] : a[j]);
        }

        public readonly void AddTo(ref AggdSums stats)
        {
            stats.LeftSumSq += Vector.Sum(_leftSumSq);
            stats.LeftCount += Vector.Sum(_leftCount);
            stats.RightSumSq += Vector.Sum(_rightSumSq);
            stats.RightCount += Vector.Sum(_rightCount);
            stats.SumAbs += Vector.Sum(_sumAbs);
            stats.Count += _count;
        }
    }
}
