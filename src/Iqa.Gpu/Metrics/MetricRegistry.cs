using Iqa.Gpu.Metrics.Deep;
using Iqa.Gpu.Metrics.Gmsd;
using Iqa.Gpu.Metrics.Niqe;
using Iqa.Gpu.Metrics.Psnr;
using Iqa.Gpu.Metrics.Ssim;

namespace Iqa.Gpu.Metrics;

/// <summary>The metric table, keyed by public name. Front ends read it; adding a metric is adding a row.</summary>
public static class MetricRegistry
{
    public static IReadOnlyList<MetricDescriptor> All { get; } =
    [
        SsimMetric.Info,
        PsnrMetric.Info,
        MsSsimMetric.Info,
        NiqeMetric.Info,
        GmsdMetric.Info,
        .. DeepFullReferenceMetric.Rows,
    ];

    public static MetricDescriptor Find(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
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
