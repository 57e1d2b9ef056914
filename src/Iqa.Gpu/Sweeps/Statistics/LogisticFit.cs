namespace Iqa.Gpu.Sweeps.Statistics;

/// <summary>
/// Fits <see cref="Logistic5"/> by <see cref="LevenbergMarquardt"/> from each of the <see cref="Starts"/> and keeps
/// the converged fit of least squared error.
/// </summary>
public static class LogisticFit
{
    /// <summary>Fewer pairs than this leave a 5-parameter fit without a residual degree of freedom.</summary>
    public const int MinimumItems = Logistic5.ParameterCount + 1;

    /// <summary>
    /// The starts, x the metric scores and y the subjective scores, s = the sign of their Pearson correlation
    /// (+1 when it is 0), std the population standard deviation (numpy's default):
    /// <list type="number">
    /// <item>[max y - min y, s / std x, mean x, 0, mean y]: the logistic spans the subjective range and its slope
    /// at the centre is of the order of the data's (the shape of the LIVE/VQEG starts);</item>
    /// <item>the same with b2 times 10 (a steep step) and</item>
    /// <item>times 0.1 (nearly linear);</item>
    /// <item>centred on the medians: [max y - min y, s / std x, median x, 0, median y];</item>
    /// <item>[10, 0, mean x, 0.1, 0.1], the start of the widely used MATLAB evaluation scripts (FSIM, VSI) that call
    /// nlinfit.</item>
    /// </list>
    /// </summary>
    public static IReadOnlyList<double[]> Starts(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double sign = Correlations.Pearson(x, y).Value < 0 ? -1 : 1;
        double spread = Max(y) - Min(y);
        double meanX = NumpySum.Mean(x), meanY = NumpySum.Mean(y);
        double slope = sign / StandardDeviation(x, meanX);
        return
        [
            [spread, slope, meanX, 0, meanY],
            [spread, 10 * slope, meanX, 0, meanY],
            [spread, 0.1 * slope, meanX, 0, meanY],
            [spread, slope, Median(x), 0, Median(y)],
            [10, 0, meanX, 0.1, 0.1],
        ];
    }

    public static LogisticFitResult Fit(ReadOnlySpan<double> scores, ReadOnlySpan<double> subjective)
    {
        if (scores.Length != subjective.Length)
            throw new ArgumentException($"{scores.Length} metric scores against {subjective.Length} subjective scores");
        if (Refusal(scores, subjective) is string reason)
            return new LogisticFitResult(null, double.NaN, -1, 0, 0, reason);
        var starts = Starts(scores, subjective);
        // The starts are independent: minimized side by side, then judged in their order, as one after the other.
        double[] x = scores.ToArray(), y = subjective.ToArray();
        var outcomes = new LevenbergMarquardt.Outcome[starts.Count];
        Parallel.For(0, starts.Count, s => outcomes[s] = LevenbergMarquardt.Minimize(x, y, starts[s]));
        LevenbergMarquardt.Outcome? best = null;
        int bestStart = -1, converged = 0;
        string? lastFailure = null;
        for (int s = 0; s < starts.Count; s++)
        {
            var outcome = outcomes[s];
            if (!outcome.Converged)
            {
                lastFailure = outcome.Failure;
                continue;
            }
            converged++;
            if (best == null || outcome.Sse < best.Value.Sse)
            {
                best = outcome;
                bestStart = s;
            }
        }
        return best is { } b
            ? new LogisticFitResult(b.Parameters, b.Sse, bestStart, b.Iterations, converged, null)
            : new LogisticFitResult(null, double.NaN, -1, 0, 0, $"no start converged ({lastFailure})");
    }

    private static string? Refusal(ReadOnlySpan<double> scores, ReadOnlySpan<double> subjective)
    {
        if (scores.Length < MinimumItems)
            return $"fewer than {MinimumItems} items for a 5-parameter fit";
        foreach (double v in scores)
            if (!double.IsFinite(v))
                return "a metric score is not finite";
        if (Min(scores) == Max(scores))
            return "the metric scores are all equal";
        if (Min(subjective) == Max(subjective))
            return "the subjective scores are all equal";
        return null;
    }

    private static double StandardDeviation(ReadOnlySpan<double> v, double mean)
    {
        var squares = new double[v.Length];
        for (int i = 0; i < v.Length; i++)
            squares[i] = (v[i] - mean) * (v[i] - mean);
        return Math.Sqrt(NumpySum.Mean(squares));
    }

    private static double Median(ReadOnlySpan<double> v)
    {
        var sorted = v.ToArray();
        Array.Sort(sorted);
        int m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    private static double Min(ReadOnlySpan<double> v)
    {
        double m = double.PositiveInfinity;
        foreach (double a in v)
            m = Math.Min(m, a);
        return m;
    }

    private static double Max(ReadOnlySpan<double> v)
    {
        double m = double.NegativeInfinity;
        foreach (double a in v)
            m = Math.Max(m, a);
        return m;
    }
}
