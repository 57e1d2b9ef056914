namespace Iqa.Gpu.Pipelines;

/// <summary>Counts and per-metric mean/min/max over a batch's scored items (infinite or NaN values counted apart).</summary>
public sealed class BatchSummary
{
    private readonly Dictionary<string, (double Sum, double Min, double Max, int Count, int Infinite)> _stats = new();

    public int Scored { get; private set; }
    public int Failed { get; private set; }
    public int Skipped { get; set; }
    public TimeSpan Elapsed { get; set; }

    public void Add(BatchOutcome outcome)
    {
        if (outcome.Scores is null)
        {
            Failed++;
            return;
        }
        Scored++;
        foreach (var (name, value) in outcome.Scores)
        {
            var s = _stats.GetValueOrDefault(name, (0, double.PositiveInfinity, double.NegativeInfinity, 0, 0));
            if (double.IsFinite(value))
                s = (s.Sum + value, Math.Min(s.Min, value), Math.Max(s.Max, value), s.Count + 1, s.Infinite);
            else
                s.Infinite++;
            _stats[name] = s;
        }
    }

    /// <summary>Per metric: mean, min and max of the finite values, and how many were not finite (infinite PSNR of identical pairs).</summary>
    public IEnumerable<(string Metric, double Mean, double Min, double Max, int Infinite)> Metrics =>
        _stats.Select(kv => (kv.Key, kv.Value.Count > 0 ? kv.Value.Sum / kv.Value.Count : double.NaN,
            kv.Value.Min, kv.Value.Max, kv.Value.Infinite));

    public double ItemsPerSecond => Elapsed.TotalSeconds > 0 ? (Scored + Failed) / Elapsed.TotalSeconds : 0;
}
