using Iqa.Cli.Synthetic;
using Iqa.Gpu.Metrics.Compat;
using Iqa.Gpu.Metrics.Ssim;

namespace Iqa.Gpu.Perf;

/// <summary>
/// The compat metrics (libvmaf's and FFmpeg's SSIM, MS-SSIM, PSNR) per 1920x1080 4:2:0 8-bit frame pair, against
/// the plain scalar double SSIM of the same luma pair in the same run.
/// </summary>
public static class CompatBenchmark
{
    public static void Run(TextWriter output)
    {
        const int w = 1920, h = 1080;
        byte[] refY = SyntheticFrames.Gray(w, h, seed: 1, noise: 6), distY = SyntheticFrames.Gray(w, h, seed: 2, noise: 14);
        byte[] refC = SyntheticFrames.Gray(w / 2, h / 2, seed: 3, noise: 4), distC = SyntheticFrames.Gray(w / 2, h / 2, seed: 4, noise: 9);
        SampleFrame Frame(byte[] y, byte[] c) =>
            new(new SamplePlane(y, w, h, w), new SamplePlane(c, w / 2, h / 2, w / 2), new SamplePlane(c, w / 2, h / 2, w / 2));
        double[] rd = refY.Select(v => (double)v).ToArray(), dd = distY.Select(v => (double)v).ToArray();
        double scalarMs = Measure.MedianMs(() => ScalarSsim.Mean(rd, dd, w, h, 255), runs: 3, warmup: 1);
        output.WriteLine($"Compat metrics, 1920x1080 4:2:0 8-bit pair, {Environment.ProcessorCount} cores; " +
                         $"baseline: plain scalar C# SSIM (double, full-resolution luma) {scalarMs:F1} ms");
        output.WriteLine($"{"metric",-36} {"ms",8} {"x scalar",9}");
        void Row(string name, Action action)
        {
            // Enough calls for the tiered JIT to promote the hot loops before timing.
            double ms = Measure.MedianMs(action, runs: 15, warmup: 30);
            output.WriteLine($"{name,-36} {ms,8:F2} {scalarMs / ms,9:F1}");
        }
        Row("libvmaf float_ssim (auto scale 4)", () => LibvmafFloatSsim.Compute(Frame(refY, refC).Y, Frame(distY, distC).Y));
        Row("libvmaf float_ssim scale=1", () => LibvmafFloatSsim.Compute(Frame(refY, refC).Y, Frame(distY, distC).Y, new() { Scale = 1 }));
        Row("libvmaf float_ms_ssim", () => LibvmafFloatMsSsim.Compute(Frame(refY, refC).Y, Frame(distY, distC).Y));
        Row("libvmaf psnr (Y, Cb, Cr)", () => LibvmafPsnr.Compute(Frame(refY, refC), Frame(distY, distC)));
        Row("ffmpeg ssim (Y, U, V)", () => FfmpegSsim.Compute(Frame(distY, distC), Frame(refY, refC)));
        Row("ffmpeg psnr (Y, U, V)", () => FfmpegPsnr.Compute(Frame(distY, distC), Frame(refY, refC)));
    }
}
