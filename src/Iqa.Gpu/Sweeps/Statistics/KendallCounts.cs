namespace Iqa.Gpu.Sweeps.Statistics;

/// <summary>
/// The pair counts of scipy's <c>kendalltau</c> (scipy/stats/_stats_py.py, 1.10), exact in 64-bit integers:
/// <c>tot</c> = n(n-1)/2 pairs, pairs tied in x, in y and in both, and the discordant pairs, counted as the strict
/// inversions of the y ranks once the pairs are in (x rank, y rank) order (what <c>_kendall_dis</c> counts). Works
/// on dense ranks: two counting passes order the pairs, a merge sort counts the inversions, O(n log n).
/// </summary>
/// <remarks>
/// XTieTriples and XTieCubes are scipy's <c>x0</c> and <c>x1</c>, Σ t(t-1)(t-2) and Σ t(t-1)(2t+5) over the groups
/// of t tied x values (likewise for y), for the variance of the normal approximation.
/// </remarks>
internal readonly record struct KendallCounts(long Total, long XTies, long YTies, long JointTies, long Discordant,
    double XTieTriples, double XTieCubes, double YTieTriples, double YTieCubes)
{
    public long ConcordantMinusDiscordant => Total - XTies - YTies + JointTies - 2 * Discordant;

    /// <summary>
    /// The counts over the items <paramref name="indices"/> picks (repeats allowed), from 0-based rank codes that
    /// order and tie the items as their values do (<see cref="Ranks.Dense"/>).
    /// </summary>
    public static KendallCounts Of(int[] rx, int distinctX, int[] ry, int distinctY, int[] indices)
    {
        int n = indices.Length;
        // Counting sort by y rank, then a stable one by x rank: (x, y) order.
        int[] byY = CountingSort(indices, ry, distinctY, out var yTies);
        int[] byXY = CountingSort(byY, rx, distinctX, out var xTies);
        var ySequence = new int[n];
        long joint = 0;
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            while (end < n && rx[byXY[end]] == rx[byXY[start]] && ry[byXY[end]] == ry[byXY[start]])
                end++;
            joint += Pairs(end - start);
            start = end;
        }
        for (int k = 0; k < n; k++)
            ySequence[k] = ry[byXY[k]];
        long dis = StrictInversions(ySequence, new int[n], 0, n);
        return new KendallCounts((long)n * (n - 1) / 2, xTies.Pairs, yTies.Pairs, joint, dis,
            xTies.Triples, xTies.Cubes, yTies.Triples, yTies.Cubes);
    }

    private static long Pairs(long count) => count * (count - 1) / 2;

    /// <summary>The items stably sorted by key, and the tie statistics of the keys.</summary>
    private static int[] CountingSort(int[] items, int[] key, int distinct, out (long Pairs, double Triples, double Cubes) ties)
    {
        var start = new int[distinct + 1];
        foreach (int i in items)
            start[key[i] + 1]++;
        ties = (0, 0, 0);
        for (int r = 0; r < distinct; r++)
        {
            long t = start[r + 1];
            ties = (ties.Pairs + Pairs(t), ties.Triples + t * (t - 1.0) * (t - 2), ties.Cubes + t * (t - 1.0) * (2 * t + 5));
            start[r + 1] += start[r];
        }
        var sorted = new int[items.Length];
        foreach (int i in items)
            sorted[start[key[i]]++] = i;
        return sorted;
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
