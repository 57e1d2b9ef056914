namespace Iqa.Gpu.Sweeps.Statistics;

/// <summary>
/// A metric's agreement with the subjective scores, as a sweep reports it.
/// <list type="bullet">
/// <item>Raw: SRCC, KRCC, PLCC and RMSE of the scores as they are (signed: a lower-better metric against MOS has
/// negative correlations).</item>
/// <item>Fitted: the same four on the scores mapped by the <see cref="Logistic5"/> fitted to all items (VQEG
/// practice); null when the fit is undefined or did not converge (the fit says why).</item>
/// <item>Intervals: <see cref="Bootstrap"/> percentile intervals over item resamples. For the fitted statistics the
/// mapping fitted on all items is kept and the (mapped score, subjective score) pairs are resampled: the interval
/// reflects the choice of items, not the uncertainty of the fit (refitting 1000 times would cost 1000 fits per
/// metric and can fail on a resample).</item>
/// <item>Per distortion type, in the order the types first appear among the items: raw statistics within the type
/// and fitted ones with the mapping fitted on all items; items without a type appear only in the totals.</item>
/// </list>
/// </summary>
public static class AgreementAnalysis
{
    public static MetricAgreement Analyze(string metric, IReadOnlyList<ScoredItem> items, BootstrapSettings bootstrap)
    {
        foreach (var item in items)
        {
            if (double.IsNaN(item.Score))
                throw new IqaException($"{metric}: item {item.Id} has no score (NaN)");
            if (!double.IsFinite(item.Subjective))
                throw new IqaException($"{metric}: item {item.Id} has a non-finite subjective score ({item.Subjective})");
        }
        double[] scores = items.Select(i => i.Score).ToArray(), subjective = items.Select(i => i.Subjective).ToArray();
        var fit = LogisticFit.Fit(scores, subjective);
        double[]? mapped = fit.Converged ? fit.Map(scores) : null;
        var byType = new List<TypeAgreement>();
        foreach (var group in items.Select((item, index) => (item, index)).Where(p => p.item.Type != null).GroupBy(p => p.item.Type!))
        {
            int[] members = group.Select(p => p.index).ToArray();
            double[] typeSubjective = Pick(subjective, members);
            byType.Add(new TypeAgreement(group.Key, members.Length, Agreement.Of(Pick(scores, members), typeSubjective, bootstrap),
                mapped == null ? null : Agreement.Of(Pick(mapped, members), typeSubjective, bootstrap)));
        }
        return new MetricAgreement(metric, items.Count, Agreement.Of(scores, subjective, bootstrap), fit,
            mapped == null ? null : Agreement.Of(mapped, subjective, bootstrap), byType);
    }

    private static double[] Pick(double[] values, int[] indices) => indices.Select(i => values[i]).ToArray();
}
