using Iqa.Gpu.Maps;
using Iqa.Gpu.Scoring;

namespace Iqa.Gpu.Regions;

/// <summary>One superpixel's result for one metric: its shape, the map samples it holds (finest map), its score and error share.</summary>
public sealed record RegionScore(RegionShape Shape, long Samples, double Score, double ErrorShare);

/// <summary>
/// One metric's maps pooled over the superpixels: every region holding samples of the metric's (finest) map, ranked
/// worst first (lowest score where higher is better, highest otherwise; ties by label), and the pooled figures batch
/// rows and video frames carry.
/// </summary>
public sealed class MetricRegions
{
    private MetricRegions(string metric, bool lowerIsBetter, IReadOnlyList<RegionScore> ranked)
    {
        Metric = metric;
        LowerIsBetter = lowerIsBetter;
        Ranked = ranked;
    }

    public string Metric { get; }

    public bool LowerIsBetter { get; }

    /// <summary>The scored regions, worst first.</summary>
    public IReadOnlyList<RegionScore> Ranked { get; }

    public static MetricRegions Of(MetricMaps maps, Superpixels superpixels)
    {
        var pools = maps.Maps.Select(m => MapPool.Of(m, superpixels, maps.Rule.NeedsSpread)).ToList();
        var scored = new List<RegionScore>();
        foreach (var shape in superpixels.Shapes)
            if (shape is not null && pools[0].Counts[shape.Label] > 0)
                scored.Add(new RegionScore(shape, pools[0].Counts[shape.Label], maps.Rule.Score(pools, shape.Label),
                    maps.Rule.ErrorShare(pools, shape.Label)));
        bool lower = maps.Metric.LowerIsBetter;
        var ranked = scored.OrderBy(r => lower ? -r.Score : r.Score).ThenBy(r => r.Shape.Label).ToList();
        if (ranked.Count == 0)
            throw new InvalidOperationException($"{maps.Metric.Name}: no superpixel holds a map sample");
        return new MetricRegions(maps.Metric.Name, lower, ranked);
    }

    /// <summary>
    /// The names of the pooled figures: <c>METRIC_region_min</c> and <c>METRIC_region_p5</c> where higher is better,
    /// <c>METRIC_region_max</c> and <c>METRIC_region_p95</c> where lower is (the worst region, and the 5 % worst end).
    /// </summary>
    public static IReadOnlyList<string> PooledNames(string metric, bool lowerIsBetter) =>
        lowerIsBetter ? [$"{metric}_region_max", $"{metric}_region_p95"] : [$"{metric}_region_min", $"{metric}_region_p5"];

    /// <summary>
    /// The worst region's score and the 5th (95th) percentile over the regions, numpy's linear interpolation between
    /// closest ranks (<see cref="PooledStatistics.Percentile"/>).
    /// </summary>
    public IEnumerable<KeyValuePair<string, double>> Pooled()
    {
        var sorted = Ranked.Select(r => r.Score).Order().ToArray();
        var names = PooledNames(Metric, LowerIsBetter);
        yield return new(names[0], Ranked[0].Score);
        yield return new(names[1], PooledStatistics.Percentile(sorted, LowerIsBetter ? 95 : 5));
    }
}
