namespace Iqa.Gpu.Sweeps.Statistics;

/// <summary>
/// Ranks with ties, as scipy.stats.rankdata (scipy/stats/_stats_py.py, 1.10): tied values share the average of the
/// 1-based ranks they span (<c>method='average'</c>). Inputs must not hold NaN (callers check).
/// </summary>
public static class Ranks
{
    public static double[] Average(ReadOnlySpan<double> values)
    {
        int[] dense = Dense(values, out int distinct);
        return Average(dense, distinct, Enumerable.Range(0, dense.Length).ToArray());
    }

    /// <summary>
    /// Average ranks of the items <paramref name="indices"/> picks (repeats allowed) from values whose 0-based dense
    /// ranks are <paramref name="dense"/>: a counting pass instead of a sort, for bootstrap resamples. The value for
    /// dense rank r is (items ranked below r) + (items ranked r + 1) / 2, rankdata's 0.5 (start + end + 1), exact.
    /// </summary>
    internal static double[] Average(int[] dense, int distinct, int[] indices)
    {
        var counts = new int[distinct];
        foreach (int i in indices)
            counts[dense[i]]++;
        var rankOf = new double[distinct];
        int below = 0;
        for (int r = 0; r < distinct; r++)
        {
            rankOf[r] = 0.5 * (2 * below + counts[r] + 1);
            below += counts[r];
        }
        var ranks = new double[indices.Length];
        for (int k = 0; k < indices.Length; k++)
            ranks[k] = rankOf[dense[indices[k]]];
        return ranks;
    }

    /// <summary>0-based dense ranks (0 for the smallest value, one more per distinct value), and how many values are distinct.</summary>
    public static int[] Dense(ReadOnlySpan<double> values, out int distinct)
    {
        var keys = values.ToArray();
        var order = new int[keys.Length];
        for (int i = 0; i < order.Length; i++)
            order[i] = i;
        Array.Sort(keys, order);
        var dense = new int[values.Length];
        int rank = -1;
        for (int k = 0; k < order.Length; k++)
        {
            if (k == 0 || keys[k] != keys[k - 1])
                rank++;
            dense[order[k]] = rank;
        }
        distinct = rank + 1;
        return dense;
    }
}
