namespace Iqa.Gpu.Sweeps.Statistics;

/// <summary>
/// Ranks with ties, as scipy.stats.rankdata (scipy/stats/_stats_py.py, 1.10): 1-based, tied values share the
/// average of the ranks they span (<c>method='average'</c>); <see cref="Dense"/> gives 1, 2, 3... per distinct value.
/// Inputs must not hold NaN (callers check).
/// </summary>
public static class Ranks
{
    public static double[] Average(ReadOnlySpan<double> values)
    {
        int[] order = SortedOrder(values);
        var ranks = new double[values.Length];
        for (int start = 0; start < order.Length;)
        {
            int end = start + 1;
            while (end < order.Length && values[order[end]] == values[order[start]])
                end++;
            // rankdata: 0.5 * (count[dense] + count[dense - 1] + 1) with count the 0-based group boundaries.
            double rank = 0.5 * (end + start + 1);
            for (int k = start; k < end; k++)
                ranks[order[k]] = rank;
            start = end;
        }
        return ranks;
    }

    /// <summary>Dense ranks 1..distinct, in the order of <paramref name="values"/>.</summary>
    public static int[] Dense(ReadOnlySpan<double> values)
    {
        int[] order = SortedOrder(values);
        var dense = new int[values.Length];
        int rank = 0;
        for (int k = 0; k < order.Length; k++)
        {
            if (k == 0 || values[order[k]] != values[order[k - 1]])
                rank++;
            dense[order[k]] = rank;
        }
        return dense;
    }

    private static int[] SortedOrder(ReadOnlySpan<double> values)
    {
        var keys = values.ToArray();
        var order = new int[keys.Length];
        for (int i = 0; i < order.Length; i++)
            order[i] = i;
        Array.Sort(keys, order);
        return order;
    }
}
