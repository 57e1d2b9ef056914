using Iqa.Gpu.Metrics;

namespace Iqa.Gpu.Bench;

/// <summary>
/// The workloads <c>iqa bench</c> can measure, by name: one per metric of the registry, then the workloads that are
/// not metrics (<see cref="Others"/>).
/// </summary>
public static class BenchWorkloads
{
    /// <summary>Workloads that are not registry metrics, each made for the run's settings.</summary>
    private static readonly IReadOnlyList<(string Name, Func<ScoreSettings, IBenchWorkload> Create)> Others =
        [(SlicWorkload.WorkloadName, _ => new SlicWorkload())];

    public static IEnumerable<string> Names => MetricRegistry.All.Select(m => m.Name).Concat(Others.Select(o => o.Name));

    /// <summary>
    /// The default selection: every registry metric that computes on every device and needs no user model
    /// (ssim, psnr, ms_ssim, niqe, gmsd), and every other workload.
    /// </summary>
    public static IReadOnlyList<string> DefaultNames =>
        [.. MetricRegistry.All.Where(MetricWorkload.RunsOnEveryDevice).Select(m => m.Name),
         .. Others.Select(o => o.Name)];

    /// <summary>Checks a comma-separated list of names, keeping order and dropping repeats.</summary>
    /// <exception cref="IqaException">An empty list or an unknown name.</exception>
    public static IReadOnlyList<string> ParseNames(string list)
    {
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
            throw new IqaException("no metric given");
        return names.Select(n => Names.FirstOrDefault(k => string.Equals(k, n, StringComparison.OrdinalIgnoreCase))
                ?? throw new IqaException($"unknown metric '{n}' (available: {string.Join(", ", Names)})"))
            .Distinct().ToList();
    }

    /// <summary>The workload named <paramref name="name"/> (a name <see cref="ParseNames"/> accepted) for these settings.</summary>
    public static IBenchWorkload Create(string name, ScoreSettings settings)
    {
        var other = Others.FirstOrDefault(o => o.Name == name);
        return other.Create is { } create ? create(settings) : new MetricWorkload(MetricRegistry.Find(name), settings);
    }
}
