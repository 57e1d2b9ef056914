namespace Iqa.Gpu.Sweeps.Statistics;

/// <summary>
/// (metric score, subjective score) pairs prepared for many resamples: both sides' dense ranks are computed once,
/// so a resample's SRCC and KRCC need counting passes instead of sorts (with the parallel resamples, 4.6-5.4 times
/// the public statistics per resample on 10,125 items and two cores: perf benchmark <c>sweep</c>). The
/// values are identical, bit for bit, to <see cref="Correlations"/> on the resampled arrays: the same exact ranks
/// go through the same arithmetic. No p-values: intervals don't need them.
/// </summary>
internal sealed class PairedSample
{
    private readonly double[] _scores, _subjective;
    private readonly int[] _rx, _ry;
    private readonly int _dx, _dy;

    public PairedSample(double[] scores, double[] subjective)
    {
        if (scores.Length != subjective.Length)
            throw new ArgumentException($"{scores.Length} metric scores against {subjective.Length} subjective scores");
        _scores = scores;
        _subjective = subjective;
        _rx = Ranks.Dense(scores, out _dx);
        _ry = Ranks.Dense(subjective, out _dy);
    }

    public int Count => _scores.Length;

    /// <summary>
    /// SRCC, KRCC, PLCC and RMSE (the order of <see cref="Agreement"/>) of the items picked by <paramref name="indices"/>.
    /// </summary>
    public StatisticValue[] Statistics(int[] indices)
    {
        var x = new double[indices.Length];
        var y = new double[indices.Length];
        for (int k = 0; k < indices.Length; k++)
        {
            x[k] = _scores[indices[k]];
            y[k] = _subjective[indices[k]];
        }
        var rank = Correlations.Undefined(x, y, finiteOnly: false) is string reason
            ? StatisticValue.NotDefined(reason)
            : (StatisticValue?)null;
        return
        [
            rank ?? Correlations.RankCorrelation(Ranks.Average(_rx, _dx, indices), Ranks.Average(_ry, _dy, indices)),
            rank ?? Correlations.TauB(KendallCounts.Of(_rx, _dx, _ry, _dy, indices)),
            Correlations.PearsonCoefficient(x, y),
            Correlations.Rmse(x, y),
        ];
    }
}
