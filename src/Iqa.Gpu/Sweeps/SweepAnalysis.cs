using System.Runtime.ExceptionServices;
using Iqa.Gpu.Sweeps.Results;
using Iqa.Gpu.Sweeps.Statistics;

namespace Iqa.Gpu.Sweeps;

/// <summary>One metric's analysis and the items it was computed from (for the scatter plot).</summary>
public sealed record SweepMetricResult(MetricAgreement Agreement, IReadOnlyList<ScoredItem> Items);

/// <summary>
/// The statistics of a sweep from its manifest and the items' scores: per metric, the items that have a score, in the
/// dataset's listing order (so a merged sweep gives the single-process result to the last bit, whatever order the
/// shards scored in), analysed by <see cref="AgreementAnalysis"/>. Items without scores (error rows) are left out and counted.
/// </summary>
public static class SweepAnalysis
{
    public static (SweepResults Results, IReadOnlyList<SweepMetricResult> Metrics) Run(SweepManifest manifest,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> scoresById, IReadOnlyList<string> metrics,
        BootstrapSettings bootstrap, IReadOnlyList<KeyValuePair<string, string>> provenance)
    {
        var ordered = manifest.Items.OrderBy(i => i.Index).ToList();
        // Each metric's analysis depends on its own scores alone: they run side by side, kept in the metrics' order,
        // and the first metric's failure is the one reported, as when they ran one after the other.
        var results = new SweepMetricResult[metrics.Count];
        var failures = new Exception?[metrics.Count];
        Parallel.For(0, metrics.Count, m =>
        {
            string metric = metrics[m];
            var items = ordered
                .Where(i => scoresById.TryGetValue(i.Item.Id, out var s) && s.ContainsKey(metric))
                .Select(i => new ScoredItem(i.Item.Id, scoresById[i.Item.Id][metric], i.Item.Score, i.Item.Type))
                .ToList();
            try
            {
                results[m] = new SweepMetricResult(AgreementAnalysis.Analyze(metric, items, bootstrap), items);
            }
            catch (Exception e)
            {
                failures[m] = e;
            }
        });
        if (failures.FirstOrDefault(f => f is not null) is { } failure)
            ExceptionDispatchInfo.Throw(failure);
        int scored = ordered.Count(i => scoresById.ContainsKey(i.Item.Id));
        var sweep = new SweepResults(manifest.Dataset, manifest.SubjectiveName, manifest.Direction, scored, bootstrap,
            [.. provenance, new("dataset_sha256", manifest.DatasetSha256), new("items_not_scored", (ordered.Count - scored).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                .. manifest.ModelSha256.Select(m => new KeyValuePair<string, string>($"{m.Key}.sha256", m.Value))],
            [.. results.Select(r => r.Agreement)]);
        return (sweep, results);
    }
}
