namespace Iqa.Gpu.Metrics;

/// <summary>The metric table, keyed by public name. Front ends read it; adding a metric is adding a row.</summary>
public static class MetricRegistry
{
    public static IReadOnlyList<MetricDescriptor> All { get; } =
    [
        SsimMetric.Info,
        PsnrMetric.Info,
        MsSsimMetric.Info,
        Niqe.NiqeMetric.Info,
        .. Deep.DeepFullReferenceMetric.Rows,
    ];

    public static MetricDescriptor Find(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new IqaException($"unknown metric '{name}' (available: {string.Join(", ", All.Select(m => m.Name))})");

    /// <summary>Parses a comma-separated list such as "ssim,psnr", keeping order and dropping repeats.</summary>
    public static IReadOnlyList<MetricDescriptor> Parse(string list)
    {
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
            throw new IqaException("no metric given");
        return names.Select(Find).Distinct().ToList();
    }
}
