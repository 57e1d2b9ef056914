using System.Diagnostics;
using Iqa.Cli;
using Iqa.Cli.Synthetic;

namespace Iqa.Gpu.Perf;

/// <summary>
/// The whole <c>iqa video</c> path (reading, conversion, metrics, pooling) in process on the <c>cpu</c> backend,
/// on a generated 1920x1080 8-bit 4:2:0 Y4M pair of 120 frames, in frames per second: SSIM+PSNR with the default
/// profile, with <c>--downsample none</c>, and MS-SSIM; then FFmpeg's ssim and psnr filters on the same clip.
/// </summary>
public static class VideoBenchmark
{
    private const int Width = 1920, Height = 1080, Frames = 120;

    public static void Run(TextWriter output)
    {
        string folder = Directory.CreateTempSubdirectory("iqa-video-bench-").FullName;
        try
        {
            string reference = Path.Combine(folder, "ref.y4m"), distorted = Path.Combine(folder, "dist.y4m");
            SyntheticVideo.Write(reference, distorted, Width, Height, Frames);
            output.WriteLine($"iqa video, {Width}x{Height} yuv420p Y4M, {Frames} frames, cpu backend, {Environment.ProcessorCount} cores; " +
                             $"frames/s: median and best of 3 runs; load average {Measure.LoadAverage()}");
            string[] inputs = ["video", "--ref", reference, "--dist", distorted, "-a", "cpu", "--quiet"];
            Iqa(inputs, ["--frames", "10"]);
            foreach (var (label, extra, target) in new (string, string[], double)[]
                     {
                         ("ssim,psnr (matlab profile, auto downsampling)", ["-m", "ssim,psnr"], 120),
                         ("ssim,psnr --downsample none", ["-m", "ssim,psnr", "--downsample", "none"], 80),
                         ("ms_ssim", ["-m", "ms_ssim"], 40),
                     })
            {
                var (median, best) = Seconds(() => Iqa(inputs, extra));
                output.WriteLine($"  {label,-48} {Frames / median,7:F1} (best {Frames / best,6:F1}) fps (target {target})");
            }
            output.WriteLine(FfmpegLine(reference, distorted));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Iqa(string[] inputs, string[] extra)
    {
        var error = new StringWriter();
        int code = IqaApp.Run([.. inputs, .. extra], TextWriter.Null, error);
        if (code != 0)
            throw new InvalidOperationException($"iqa video failed ({code}): {error}");
    }

    /// <summary>Median and shortest of three runs: on a shared machine the best run is the least disturbed one.</summary>
    private static (double Median, double Best) Seconds(Action action)
    {
        var times = new double[3];
        for (int i = 0; i < times.Length; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times[i] = clock.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return (times[1], times[0]);
    }

    /// <summary>FFmpeg's ssim and psnr filters (8-bit Y, U and V) on the same pair, as a reference point.</summary>
    private static string FfmpegLine(string reference, string distorted)
    {
        const string label = "ffmpeg -lavfi \"[0:v][1:v]ssim;[0:v][1:v]psnr\"";
        try
        {
            var (median, best) = Seconds(() =>
            {
                using var process = Process.Start(new ProcessStartInfo("ffmpeg",
                    ["-v", "error", "-nostdin", "-i", distorted, "-i", reference, "-lavfi", "[0:v][1:v]ssim;[0:v][1:v]psnr", "-f", "null", "-"])
                {
                    RedirectStandardError = true,
                })!;
                string stderr = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0)
                    throw new InvalidOperationException($"ffmpeg failed ({process.ExitCode}): {stderr}");
            });
            return $"  {label,-48} {Frames / median,7:F1} (best {Frames / best,6:F1}) fps (reference point: Y, U and V; its own SSIM variant)";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return $"  {label,-48} not measured: ffmpeg not on PATH";
        }
    }
}
