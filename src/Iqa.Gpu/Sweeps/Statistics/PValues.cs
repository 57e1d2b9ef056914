namespace Iqa.Gpu.Sweeps.Statistics;

/// <summary>
/// Two-sided p-values of the correlations under independence, as scipy 1.10 computes them
/// (scipy/stats/_stats_py.py and _mstats_basic.py); null where scipy's is nan.
/// </summary>
internal static class PValues
{
    /// <summary>pearsonr: 2 sf(|r|) of Beta(n/2 - 1, n/2 - 1) on (-1, 1); 1 for n = 2.</summary>
    public static double Pearson(double r, int n)
    {
        if (n == 2)
            return 1.0;
        double a = n / 2.0 - 1;
        // beta(a, a, loc=-1, scale=2).sf(|r|) = I_{1-x}(a, a), x = (|r| + 1)/2 (Boost's ibetac takes y = 1 - x).
        double x = (Math.Abs(r) + 1) / 2, y = 1 - x;
        return 2 * Distributions.RegularizedBeta(a, a, y, x);
    }

    /// <summary>
    /// spearmanr: t = rs sqrt(dof / ((rs + 1)(1 - rs))), dof = n - 2, and 2 stdtr(dof, -|t|) =
    /// I_{dof/(dof + t²)}(dof/2, 1/2); null for n = 2 (no degree of freedom, nan in scipy).
    /// </summary>
    public static double? Spearman(double rs, int n)
    {
        int dof = n - 2;
        if (dof < 1)
            return null;
        double ratio = dof / ((rs + 1.0) * (1.0 - rs));
        double t = Math.Abs(rs * Math.Sqrt(Math.Max(ratio, 0)));
        if (double.IsInfinity(t))
            return 0.0;
        if (t == 0)
            return 1.0;
        double t2 = t * t;
        return Distributions.RegularizedBeta(dof / 2.0, 0.5, dof / (dof + t2), t2 / (dof + t2));
    }

    /// <summary>
    /// kendalltau, method 'auto': exact (Kendall 1970, <c>_kendall_p_exact</c>) without ties when n ≤ 33 or at most
    /// one pair is discordant or concordant; otherwise the normal approximation with the tie-corrected variance,
    /// p = erfc(|z|/√2).
    /// </summary>
    public static double Kendall(KendallCounts c, int n)
    {
        if (c.XTies == 0 && c.YTies == 0 && (n <= 33 || Math.Min(c.Discordant, c.Total - c.Discordant) <= 1))
            return Exact(n, c.Total - c.Discordant);
        double m = n * (n - 1.0);
        double variance = (m * (2 * n + 5) - c.XTieCubes - c.YTieCubes) / 18 + 2.0 * c.XTies * c.YTies / m
                          + c.XTieTriples * c.YTieTriples / (9 * m * (n - 2));
        double z = c.ConcordantMinusDiscordant / Math.Sqrt(variance);
        return Distributions.Erfc(Math.Abs(z) * 0.70710678118654752440);
    }

    /// <summary>_kendall_p_exact(n, c), two-sided, for n &lt; 171 (the exact path is taken for n ≤ 33 or c ≤ 1 only).</summary>
    private static double Exact(int n, long concordant)
    {
        long total = (long)n * (n - 1) / 2;
        int c = (int)Math.Min(concordant, total - concordant);
        double prob;
        if (n <= 2)
            prob = 1.0;
        else if (c == 0)
            prob = 2.0 / Factorial(n);
        else if (c == 1)
            prob = 2.0 / Factorial(n - 1);
        else if (4L * c == (long)n * (n - 1))
            prob = 1.0;
        else
        {
            // Counts of permutations by inversions, built up one element at a time (cumsum, then the band removal;
            // numpy evaluates the right-hand side before subtracting, hence the copy).
            var counts = new double[c + 1];
            counts[0] = counts[1] = 1.0;
            for (int j = 3; j <= n; j++)
            {
                for (int k = 1; k <= c; k++)
                    counts[k] += counts[k - 1];
                if (j <= c)
                {
                    var before = (double[])counts.Clone();
                    for (int k = j; k <= c; k++)
                        counts[k] -= before[k - j];
                }
            }
            prob = 2.0 * NumpySum.Sum(counts) / Factorial(n);
        }
        return Math.Clamp(prob, 0, 1);
    }

    private static double Factorial(int n)
    {
        double f = 1;
        for (int i = 2; i <= n; i++)
            f *= i;
        return f;
    }
}
