namespace Iqa.Gpu.Sweeps.Statistics;

/// <summary>Agreement of the items of one distortion type.</summary>
public sealed record TypeAgreement(string Type, int Count, Agreement Raw, Agreement? Fitted);

/// <summary>
/// Everything a sweep reports for one metric: raw agreement, the logistic fit, agreement of the mapped scores,
/// and both per distortion type.
/// </summary>
public sealed record MetricAgreement(string Metric, int Count, Agreement Raw, LogisticFitResult Fit, Agreement? Fitted,
    IReadOnlyList<TypeAgreement> ByType);
