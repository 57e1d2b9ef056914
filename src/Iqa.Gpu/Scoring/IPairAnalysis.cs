using Iqa.Gpu.Metrics;

namespace Iqa.Gpu.Scoring;

/// <summary>
/// Work a <see cref="Scorer"/> runs on each pair's prepared inputs after its metrics, adding scores of its own: the
/// quality maps and superpixel regions of <see cref="Maps.QualityAnalysis"/>. Made by the scorer once its metrics are
/// initialized, and disposed with it.
/// </summary>
public interface IPairAnalysis : IDisposable
{
    /// <summary>Recorded in the provenance after the metrics' settings: what decides the scores it adds.</summary>
    IReadOnlyList<KeyValuePair<string, string>> Settings { get; }

    /// <summary>The scores it adds, in order.</summary>
    IReadOnlyList<string> ScoreNames { get; }

    /// <summary>Adds its scores for one pair, whose metric scores are already in <paramref name="scores"/>.</summary>
    /// <exception cref="IqaException">The pair can't be analysed.</exception>
    void Analyze(MetricInput reference, MetricInput distorted, IDictionary<string, double> scores);
}
