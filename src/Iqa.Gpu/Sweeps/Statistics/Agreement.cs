namespace Iqa.Gpu.Sweeps.Statistics;

/// <summary>A statistic with its bootstrap interval (null when the statistic or too many resamples are undefined).</summary>
public sealed record Estimate(StatisticValue Statistic, ConfidenceInterval? Interval);

/// <summary>
/// The four agreement statistics between (possibly mapped) metric scores and subjective scores, each with its
/// <see cref="Bootstrap"/> interval.
/// </summary>
public sealed record Agreement(Estimate Srcc, Estimate Krcc, Estimate Plcc, Estimate Rmse)
{
    public static Agreement Of(double[] scores, double[] subjective, BootstrapSettings bootstrap)
    {
        var sample = new PairedSample(scores, subjective);
        var intervals = Bootstrap.Intervals(sample.Count, sample.Statistics, bootstrap);
        StatisticValue[] values =
        [
            Correlations.Spearman(scores, subjective), Correlations.Kendall(scores, subjective),
            Correlations.Pearson(scores, subjective), Correlations.Rmse(scores, subjective),
        ];
        var estimates = values.Select((value, j) => new Estimate(value, value.IsDefined ? intervals.ElementAtOrDefault(j) : null))
            .ToArray();
        return new Agreement(estimates[0], estimates[1], estimates[2], estimates[3]);
    }
}
