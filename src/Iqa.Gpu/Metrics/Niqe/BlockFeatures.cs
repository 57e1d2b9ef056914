using System.Numerics;

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
    private const int Fields = 5;

    /// <summary>Features of the block at block column bx, block row by, written to <paramref name="features"/>.</summary>
    public static void Compute(MscnField field, int bx, int by, bool vectorized, Span<double> features)
    {
        Span<AggdStatistics> stats = stackalloc AggdStatistics[Fields];
        if (vectorized)
            AccumulateVectorized(field, bx, by, stats);
        else
            AccumulateScalar(field, bx, by, stats);

        var fit = stats[0].Fit(exhaustiveSearch: !vectorized);
        features[0] = fit.Alpha;
        features[1] = (fit.BetaLeft + fit.BetaRight) / 2;
        for (int s = 1; s < Fields; s++)
        {
            fit = stats[s].Fit(exhaustiveSearch: !vectorized);
            Span<double> f = features.Slice(2 + 4 * (s - 1), 4);
            f[0] = fit.Alpha;
            f[1] = fit.Mean;
            f[2] = fit.BetaLeft;
            f[3] = fit.BetaRight;
        }
    }

    private static void AccumulateScalar(MscnField field, int bx, int by, Span<AggdStatistics> stats)
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
    /// with one wrapped sample on either side, so that the shifted neighbours are plain offset loads.
    /// </summary>
    private static void AccumulateVectorized(MscnField field, int bx, int by, Span<AggdStatistics> stats)
    {
        int b = field.BlockSize, w = field.Width, n = Vector<double>.Count;
        double[] v = field.Values;
        int origin = by * b * w + bx * b;
        Span<double> cur = stackalloc double[b + 2], above = stackalloc double[b + 2];
        Span<VectorSums> sums = stackalloc VectorSums[Fields];
        for (int i = 0; i < b; i++)
        {
            PadCyclic(v.AsSpan(origin + i * w, b), cur);
            PadCyclic(v.AsSpan(origin + (i + b - 1) % b * w, b), above);
            int j = 0;
            for (; j + n <= b; j += n)
            {
                var c = new Vector<double>(cur.Slice(j + 1));
                sums[0].Add(c);
                sums[1].Add(c * new Vector<double>(cur.Slice(j)));
                sums[2].Add(c * new Vector<double>(above.Slice(j + 1)));
                sums[3].Add(c * new Vector<double>(above.Slice(j)));
                sums[4].Add(c * new Vector<double>(above.Slice(j + 2)));
            }
            for (; j < b; j++)
            {
                double c = cur[j + 1];
                stats[0].Add(c);
                stats[1].Add(c * cur[j]);
                stats[2].Add(c * above[j + 1]);
                stats[3].Add(c * above[j]);
                stats[4].Add(c * above[j + 2]);
            }
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

    /// <summary>Lane-wise <see cref="AggdStatistics"/> sums.</summary>
    private struct VectorSums
    {
        private Vector<double> _leftSumSq, _leftCount, _rightSumSq, _rightCount, _sumAbs, _count;

        public void Add(Vector<double> v)
        {
            var sq = v * v;
            var left = Vector.LessThan(v, Vector<double>.Zero);
            var right = Vector.GreaterThan(v, Vector<double>.Zero);
            _leftSumSq += Vector.ConditionalSelect(left, sq, Vector<double>.Zero);
            _leftCount += Vector.ConditionalSelect(left, Vector<double>.One, Vector<double>.Zero);
            _rightSumSq += Vector.ConditionalSelect(right, sq, Vector<double>.Zero);
            _rightCount += Vector.ConditionalSelect(right, Vector<double>.One, Vector<double>.Zero);
            _sumAbs += Vector.Abs(v);
            _count += Vector<double>.One;
        }

        public readonly void AddTo(ref AggdStatistics stats)
        {
            stats.LeftSumSq += Vector.Sum(_leftSumSq);
            stats.LeftCount += Vector.Sum(_leftCount);
            stats.RightSumSq += Vector.Sum(_rightSumSq);
            stats.RightCount += Vector.Sum(_rightCount);
            stats.SumAbs += Vector.Sum(_sumAbs);
            stats.Count += Vector.Sum(_count);
        }
    }
}
