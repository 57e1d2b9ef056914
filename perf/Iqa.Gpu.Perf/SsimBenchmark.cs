using Iqa.Cli.Synthetic;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Metrics.Ssim;

namespace Iqa.Gpu.Perf;

/// <summary>
/// SSIM per 1920x1080 gray pair on each backend, full resolution (--downsample none) and with the matlab
/// profile's automatic downsampling (factor 4), against the plain scalar double implementation in the same run.
/// Compute only: planes are already converted and resident on the backend.
/// </summary>
public static class SsimBenchmark
{
    public static void Run(TextWriter output)
    {
        const int w = 1920, h = 1080;
        var reference = new DecodedImage(w, h, 1, SyntheticFrames.Gray(w, h, seed: 1, noise: 6));
        var distorted = new DecodedImage(w, h, 1, SyntheticFrames.Gray(w, h, seed: 2, noise: 14));
        double[] rd = reference.Bytes!.Select(v => (double)v).ToArray(), dd = distorted.Bytes!.Select(v => (double)v).ToArray();
        double scalarMs = Measure.MedianMs(() => ScalarSsim.Mean(rd, dd, w, h, 255), runs: 3, warmup: 1);
        output.WriteLine($"SSIM, 1920x1080 gray pair, {Environment.ProcessorCount} cores; baseline: plain scalar C# (double) {scalarMs:F1} ms (full resolution)");
        output.WriteLine($"{"backend",-10} {"full-res ms",12} {"x scalar",9} {"auto-ds ms",11}");
        foreach (var name in new[] { "cpu", "ilgpu-cpu", "cuda", "opencl" })
        {
            IComputeDevice backend;
            try
            {
                backend = DeviceFactory.Create(name);
            }
            catch (IqaException e)
            {
                output.WriteLine($"{name,-10} not available: {e.Message}");
                continue;
            }
            using (backend)
            {
                using var x = backend.Upload(ColorConversion.ToPlanes(reference, ColorMode.Gray, 1 / 255.0, -MetricInput.Offset)[0]);
                using var y = backend.Upload(ColorConversion.ToPlanes(distorted, ColorMode.Gray, 1 / 255.0, -MetricInput.Offset)[0]);
                int factor = Downsample.Automatic.FactorFor(w, h);
                int runs = name == "ilgpu-cpu" ? 3 : 50;
                var ssim = ISsimOperations.On(backend);
                double full = Measure.MedianMs(() => SsimMetric.Means(ssim, x, y, 1, "bench"), runs, warmup: name == "ilgpu-cpu" ? 1 : 5);
                double auto = Measure.MedianMs(() => SsimMetric.Means(ssim, x, y, factor, "bench"), runs, warmup: name == "ilgpu-cpu" ? 1 : 5);
                output.WriteLine($"{name,-10} {full,12:F2} {scalarMs / full,9:F1} {auto,11:F2}");
            }
        }
    }
}
