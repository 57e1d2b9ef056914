using System.Diagnostics;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics.Niqe;

namespace Iqa.Gpu.Perf;

/// <summary>
/// Milliseconds per NIQE score of a 1920×1080 gray image (decoding excluded), on each backend present (the
/// metric's path: <see cref="NiqeCalculator.On"/>) and for the scalar baseline in the same run: the median and
/// the fastest wall time, and the process CPU time per image (all cores together, idle-waiting workers
/// included); the fastest run is the best guide when other work shares the machine.
/// </summary>
public static class NiqeBenchmark
{
    /// <param name="output">where the results go</param>
    /// <param name="imagePath">a 1080p image to score; without it a textured image with flat areas is generated</param>
    public static void Run(TextWriter output, string? imagePath = null)
    {
        var gray = imagePath is null
            ? Generate(1920, 1080)
            : ColorConversion.ToPlanes(ImageDecoder.Decode(imagePath), ColorMode.Gray, 1.0, 0.0)[0];
        output.WriteLine($"NIQE on {gray.Width}x{gray.Height} ({imagePath ?? "generated"}), {Environment.ProcessorCount} cores");
        var slow = Measure(NiqeCalculator.Scalar, gray, 3);
        Report(output, "scalar", slow, slow);
        foreach (var name in new[] { "cpu", "ilgpu-cpu", "cuda", "opencl" })
        {
            IComputeDevice backend;
            try
            {
                backend = DeviceFactory.Create(name);
            }
            catch (IqaException e)
            {
                output.WriteLine($"  {name,-10} not available: {e.Message}");
                continue;
            }
            using (backend)
                Report(output, name, Measure(NiqeCalculator.On(backend), gray, name == "ilgpu-cpu" ? 2 : 20), slow);
        }
    }

    private static void Report(TextWriter output, string name, (double MedianMs, double MinMs, double CpuMs, double Score) m,
        (double MedianMs, double MinMs, double CpuMs, double Score) baseline) =>
        output.WriteLine($"  {name,-10} {m.MedianMs,8:F1} ms/image median, {m.MinMs,8:F1} fastest, {m.CpuMs,8:F1} CPU, " +
                         $"{baseline.MedianMs / m.MedianMs,6:F1}x scalar  (score {m.Score:R})");

    /// <summary>Median and fastest wall time and mean CPU time of <paramref name="runs"/> scores after one warm-up.</summary>
    private static (double MedianMs, double MinMs, double CpuMs, double Score) Measure(NiqeCalculator calculator, Plane gray, int runs)
    {
        double score = calculator.Score(gray);
        var times = new double[runs];
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (int i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            calculator.Score(gray);
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / runs;
        Array.Sort(times);
        return (times[runs / 2], times[0], cpuMs, score);
    }

    /// <summary>Smooth relief, noise, and a flat band across the top (as skies and backgrounds have).</summary>
    private static Plane Generate(int width, int height)
    {
        var rng = new Random(1);
        var plane = new Plane(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                double v = y < height / 5
                    ? 200
                    : 120 + 40 * Math.Sin(x * 0.013 + y * 0.007) + 25 * Math.Sin(x * 0.051 - y * 0.037) + 6 * (rng.NextDouble() - 0.5);
                plane.Data[y * width + x] = (float)Math.Clamp(Math.Round(v), 0, 255);
            }
        return plane;
    }
}
