using Iqa.Gpu.Sweeps.Datasets;
using Iqa.Gpu.Sweeps.Statistics;

namespace Iqa.Gpu.Sweeps.Results;

/// <summary>
/// A sweep's outcome: the dataset, how its subjective scores point, the bootstrap used, what produced the scores
/// (<see cref="Provenance"/>: profile, settings, accelerator, model hashes... as the command records them; written as
/// given, in order) and one <see cref="MetricAgreement"/> per metric.
/// </summary>
public sealed record SweepResults(string Dataset, string SubjectiveName, ScoreDirection Direction, int ItemCount,
    BootstrapSettings Bootstrap, IReadOnlyList<KeyValuePair<string, string>> Provenance, IReadOnlyList<MetricAgreement> Metrics);
