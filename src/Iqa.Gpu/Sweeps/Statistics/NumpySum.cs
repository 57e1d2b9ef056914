namespace Iqa.Gpu.Sweeps.Statistics;

/// <summary>
/// numpy's summation order for a contiguous float64 array (<c>pairwise_sum_DOUBLE</c> in
/// numpy/core/src/umath/loops_utils.h.src, used by <c>np.sum</c> and <c>np.mean</c>): plain below 8 values, eight
/// interleaved partial sums up to 128, halves (rounded to multiples of 8) above. Reproducing the order keeps means
/// of badly scaled inputs (1e6 + noise) within an ulp or two of scipy's.
/// </summary>
internal static class NumpySum
{
    private const int BlockSize = 128;

    public static double Sum(ReadOnlySpan<double> a)
    {
        if (a.Length < 8)
        {
            double s = 0;
            foreach (double v in a)
                s += v;
            return s;
        }
        if (a.Length <= BlockSize)
        {
            Span<double> r = stackalloc double[8];
            a[..8].CopyTo(r);
            int i = 8;
            for (; i < a.Length - a.Length % 8; i += 8)
                for (int j = 0; j < 8; j++)
                    r[j] += a[i + j];
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < a.Length; i++)
                res += a[i];
            return res;
        }
        int half = a.Length / 2;
        half -= half % 8;
        return Sum(a[..half]) + Sum(a[half..]);
    }

    public static double Mean(ReadOnlySpan<double> a) => Sum(a) / a.Length;
}
