namespace Iqa.Gpu.Sweeps.Statistics;

/// <summary>
/// The pair counts of scipy's <c>kendalltau</c> (scipy/stats/_stats_py.py, 1.10), exact in 64-bit integers:
/// <c>tot</c> = n(n-1)/2 pairs, pairs tied in x, in y and in both, and the discordant pairs, counted in O(n log n)
/// as the strict inversions of the y ranks once the pairs are sorted by (x rank, y rank) (what <c>_kendall_dis</c>
/// counts).
/// </summary>
internal readonly record struct KendallCounts(long Total, long XTies, long YTies, long JointTies, long Discordant)
{
    public long ConcordantMinusDiscordant => Total - XTies - YTies + JointTies - 2 * Discordant;

    public static KendallCounts Of(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length;
        int[] rx = Ranks.Dense(x), ry = Ranks.Dense(y);
        var keys = new long[n];
        for (int i = 0; i < n; i++)
            keys[i] = (long)rx[i] * (n + 1) + ry[i];
        Array.Sort(keys);
        var ySorted = new int[n];
        for (int i = 0; i < n; i++)
            ySorted[i] = (int)(keys[i] % (n + 1));
        long joint = 0;
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            while (end < n && keys[end] == keys[start])
                end++;
            joint += Pairs(end - start);
            start = end;
        }
        long dis = StrictInversions(ySorted, new int[n], 0, n);
        return new KendallCounts((long)n * (n - 1) / 2, TiedPairs(rx), TiedPairs(ry), joint, dis);
    }

    private static long Pairs(long count) => count * (count - 1) / 2;

    private static long TiedPairs(int[] dense)
    {
        var counts = new long[dense.Length + 1];
        foreach (int r in dense)
            counts[r]++;
        long ties = 0;
        foreach (long c in counts)
            ties += Pairs(c);
        return ties;
    }

    /// <summary>Pairs i &lt; j with a[i] &gt; a[j] in a[lo..hi), counted by merge sort (a ends sorted).</summary>
    private static long StrictInversions(int[] a, int[] scratch, int lo, int hi)
    {
        if (hi - lo < 2)
            return 0;
        int mid = (lo + hi) / 2;
        long count = StrictInversions(a, scratch, lo, mid) + StrictInversions(a, scratch, mid, hi);
        int i = lo, j = mid, k = lo;
        while (i < mid && j < hi)
        {
            if (a[i] <= a[j])
                scratch[k++] = a[i++];
            else
            {
                count += mid - i;
                scratch[k++] = a[j++];
            }
        }
        while (i < mid)
            scratch[k++] = a[i++];
        while (j < hi)
            scratch[k++] = a[j++];
        Array.Copy(scratch, lo, a, lo, hi - lo);
        return count;
    }
}
