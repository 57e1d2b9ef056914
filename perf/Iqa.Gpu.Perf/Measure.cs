using System.Diagnostics;

namespace Iqa.Gpu.Perf;

/// <summary>Timing helpers: warm up, then the median of repeated runs (the machine is shared and noisy).</summary>
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
}
