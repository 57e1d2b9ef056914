namespace Iqa.Gpu.Sweeps.Statistics;

/// <summary>
/// Agreement between metric scores and subjective scores, equal to scipy 1.10 (scipy/stats/_stats_py.py) to about
/// 1e-15: <see cref="Pearson"/> = <c>pearsonr</c>, <see cref="Spearman"/> = <c>spearmanr</c>, <see cref="Kendall"/> =
/// <c>kendalltau</c> (tau-b), <see cref="Rmse"/> = <c>sqrt(mean((scores - subjective)^2))</c>; the correlations carry
/// scipy's two-sided p-values (<see cref="PValues"/>) to about 1e-12 relative.
/// Where scipy answers nan or refuses (constant input, fewer than 2 items, Pearson or RMSE of an infinite score —
/// PSNR of identical images), the result is undefined with the reason. Rank statistics accept infinities, as scipy
/// does. NaN inputs are a caller's error.
/// </summary>
public static class Correlations
{
    public static StatisticValue Pearson(ReadOnlySpan<double> scores, ReadOnlySpan<double> subjective)
    {
        int n = scores.Length;
        return WithP(PearsonCoefficient(scores, subjective), r => PValues.Pearson(r, n));
    }

    public static StatisticValue Spearman(ReadOnlySpan<double> scores, ReadOnlySpan<double> subjective)
    {
        if (Undefined(scores, subjective, finiteOnly: false) is string reason)
            return StatisticValue.NotDefined(reason);
        int n = scores.Length;
        return WithP(RankCorrelation(Ranks.Average(scores), Ranks.Average(subjective)), rs => PValues.Spearman(rs, n));
    }

    public static StatisticValue Kendall(ReadOnlySpan<double> scores, ReadOnlySpan<double> subjective)
    {
        if (Undefined(scores, subjective, finiteOnly: false) is string reason)
            return StatisticValue.NotDefined(reason);
        int[] rx = Ranks.Dense(scores, out int dx), ry = Ranks.Dense(subjective, out int dy);
        var counts = KendallCounts.Of(rx, dx, ry, dy, Enumerable.Range(0, rx.Length).ToArray());
        return WithP(TauB(counts), _ => PValues.Kendall(counts, rx.Length));
    }

    /// <summary>pearsonr's coefficient alone (the bootstrap needs no p-values).</summary>
    internal static StatisticValue PearsonCoefficient(ReadOnlySpan<double> scores, ReadOnlySpan<double> subjective)
    {
        if (Undefined(scores, subjective, finiteOnly: true) is string reason)
            return StatisticValue.NotDefined(reason);
        int n = scores.Length;
        if (n == 2)
            return StatisticValue.Of(Math.Sign(scores[1] - scores[0]) * Math.Sign(subjective[1] - subjective[0]));
        // pearsonr: deviations from the means, each vector normalized, then their dot product, clipped to [-1, 1].
        double[] xm = Deviations(scores), ym = Deviations(subjective);
        double nx = Norm(xm), ny = Norm(ym);
        if (!double.IsFinite(nx) || !double.IsFinite(ny))
            return StatisticValue.NotDefined(Overflow);
        double r = 0;
        for (int i = 0; i < n; i++)
            r += xm[i] / nx * (ym[i] / ny);
        return StatisticValue.Of(Math.Clamp(r, -1.0, 1.0));
    }

    /// <summary>
    /// spearmanr's last step: np.corrcoef of the average ranks. Rank sums, deviations and their products are exact
    /// in double, so following corrcoef's operations (covariance times 1/(n-1), then divided by each standard
    /// deviation in turn) gives scipy's value to the last bit.
    /// </summary>
    internal static StatisticValue RankCorrelation(double[] rx, double[] ry)
    {
        double mx = NumpySum.Mean(rx), my = NumpySum.Mean(ry);
        double sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < rx.Length; i++)
        {
            double dx = rx[i] - mx, dy = ry[i] - my;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }
        double f = 1.0 / (rx.Length - 1);
        double rs = sxy * f / Math.Sqrt(sxx * f) / Math.Sqrt(syy * f);
        return StatisticValue.Of(Math.Clamp(rs, -1.0, 1.0));
    }

    /// <summary>kendalltau, variant 'b': (concordant - discordant) / sqrt(tot - xtie) / sqrt(tot - ytie).</summary>
    internal static StatisticValue TauB(KendallCounts counts)
    {
        double tau = counts.ConcordantMinusDiscordant / Math.Sqrt(counts.Total - counts.XTies) / Math.Sqrt(counts.Total - counts.YTies);
        return StatisticValue.Of(Math.Clamp(tau, -1.0, 1.0));
    }

    public static StatisticValue Rmse(ReadOnlySpan<double> scores, ReadOnlySpan<double> subjective)
    {
        CheckInputs(scores, subjective);
        if (scores.Length == 0)
            return StatisticValue.NotDefined(TooFew);
        if (Infinite(scores) is string inf)
            return StatisticValue.NotDefined(inf);
        var squares = new double[scores.Length];
        for (int i = 0; i < squares.Length; i++)
        {
            double d = scores[i] - subjective[i];
            squares[i] = d * d;
        }
        double rmse = Math.Sqrt(NumpySum.Mean(squares));
        return double.IsFinite(rmse) ? StatisticValue.Of(rmse) : StatisticValue.NotDefined(Overflow);
    }

    private const string TooFew = "fewer than 2 items";

    private const string Overflow = "the scores are too large for double precision (squares overflow)";

    private static StatisticValue WithP(StatisticValue coefficient, Func<double, double?> pValue) =>
        coefficient.Value is double v ? StatisticValue.Of(v, pValue(v)) : coefficient;

    /// <summary>
    /// Why a correlation is undefined (too few items, a constant side, an infinite score where finiteOnly); null if
    /// it is defined.
    /// </summary>
    internal static string? Undefined(ReadOnlySpan<double> scores, ReadOnlySpan<double> subjective, bool finiteOnly)
    {
        CheckInputs(scores, subjective);
        if (scores.Length < 2)
            return TooFew;
        if (IsConstant(scores))
            return "the metric scores are all equal";
        if (IsConstant(subjective))
            return "the subjective scores are all equal";
        return finiteOnly ? Infinite(scores) : null;
    }

    private static void CheckInputs(ReadOnlySpan<double> scores, ReadOnlySpan<double> subjective)
    {
        if (scores.Length != subjective.Length)
            throw new ArgumentException($"{scores.Length} metric scores against {subjective.Length} subjective scores");
        foreach (double v in scores)
            if (double.IsNaN(v))
                throw new ArgumentException("a metric score is NaN", nameof(scores));
        foreach (double v in subjective)
            if (!double.IsFinite(v))
                throw new ArgumentException("a subjective score is not finite", nameof(subjective));
    }

    private static string? Infinite(ReadOnlySpan<double> scores)
    {
        int count = 0;
        foreach (double v in scores)
            if (double.IsInfinity(v))
                count++;
        return count == 0 ? null : $"{count} infinite metric score{(count == 1 ? "" : "s")}";
    }

    private static bool IsConstant(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
            if (v != values[0])
                return false;
        return true;
    }

    private static double[] Deviations(ReadOnlySpan<double> values)
    {
        double mean = NumpySum.Mean(values);
        var d = new double[values.Length];
        for (int i = 0; i < d.Length; i++)
            d[i] = values[i] - mean;
        return d;
    }

    private static double Norm(double[] v)
    {
        var squares = new double[v.Length];
        for (int i = 0; i < v.Length; i++)
            squares[i] = v[i] * v[i];
        return Math.Sqrt(NumpySum.Sum(squares));
    }
}
