using System.Diagnostics;

namespace Iqa.Gpu.Perf;

/// <summary>Timing helpers: warm up, then the median of repeated runs (the machine is shared and noisy), and the load they ran under.</summary>
public static class Measure
{
    public static double MedianMs(Action action, int runs, int warmup = 2)
    {
        for (int i = 0; i < warmup; i++)
            action();
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            times[i] = sw.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[runs / 2];
    }

    /// <summary>The median (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The 1-, 5- and 15-minute load averages (Linux), written beside every figure: other processes share the cores.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "unknown";
}
