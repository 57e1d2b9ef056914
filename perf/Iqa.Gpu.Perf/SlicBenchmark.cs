using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Iqa.Gpu.Images;
using Iqa.Gpu.Slic;

namespace Iqa.Gpu.Perf;

/// <summary>
/// SLIC on the 1920x1080 refdata image (refdata/slic_ref/astronaut_ref_cubic_1920x1080.png) for K = 100, 400,
/// 1600: the production CPU path (<see cref="SlicSegmentation.Segment"/>, decoding excluded, quality figures not requested)
/// against scikit-image 0.19.3's <c>slic</c> run on the same file by /usr/bin/python3 in the same benchmark run
/// (one warm-up call, then the median of N calls, timed with perf_counter around <c>slic</c> alone). Both sides'
/// label maps are hashed: the benchmark says whether they are identical. Wall times: median and fastest; the
/// fastest is the better guide when other work shares the machine. The load average is printed before and after.
/// </summary>
public static class SlicBenchmark
{
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import hashlib, json, sys, time
        import cv2, numpy as np
        from skimage.segmentation import slic
        path, k, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
        img = np.ascontiguousarray(cv2.imread(path)[:, :, ::-1])
        labels = slic(img, n_segments=k, compactness=10, start_label=1)
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            slic(img, n_segments=k, compactness=10, start_label=1)
            times.append(time.perf_counter() - t)
        print(json.dumps({"times": times, "sha256": hashlib.sha256(labels.astype('<i4').tobytes()).hexdigest()}))
        """;

    public static void Run(TextWriter output, int runs = 5)
    {
        string path = BenchPaths.Astronaut1080p();
        var image = ImageDecoder.Decode(path);
        output.WriteLine($"SLIC, {image.Width}x{image.Height} RGB ({Path.GetFileName(path)}), compactness 10, {Environment.ProcessorCount} cores, " +
                         $"{runs} runs each; load average {Measure.LoadAverage()}");
        output.WriteLine($"{"K",6} {"C# median",10} {"fastest",8} {"CPU/run",8} {"skimage median",15} {"fastest",8} {"x median",9} {"x fastest",10}  labels");
        foreach (int k in new[] { 100, 400, 1600 })
        {
            var parameters = new SlicParameters { Segments = k };
            var ours = Time(() => SlicSegmentation.Segment(image, parameters), runs);
            var (theirs, sha) = Scikit(path, k, runs);
            string same = Sha256(SlicSegmentation.Segment(image, parameters).Labels) == sha ? "identical" : "DIFFERENT";
            output.WriteLine($"{k,6} {ours.Median,10:F1} {ours.Fastest,8:F1} {ours.CpuMs,8:F1} {theirs.Median,15:F1} {theirs.Fastest,8:F1} " +
                             $"{theirs.Median / ours.Median,9:F1} {theirs.Fastest / ours.Fastest,10:F1}  {same}");
        }
        output.WriteLine($"(milliseconds; load average after: {Measure.LoadAverage()})");
    }

    private static (double Median, double Fastest, double CpuMs) Time(Action action, int runs)
    {
        action();
        var times = new double[runs];
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        for (int i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        process.Refresh();
        double cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds / runs;
        Array.Sort(times);
        return (times[runs / 2], times[0], cpuMs);
    }

    private static ((double Median, double Fastest, double CpuMs) Times, string Sha256) Scikit(string path, int k, int runs)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-c", Script, path, k.ToString(CultureInfo.InvariantCulture), runs.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Python}");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Python} failed ({process.ExitCode}): {stderr.Result}");
        using var json = JsonDocument.Parse(stdout);
        var times = json.RootElement.GetProperty("times").EnumerateArray().Select(t => t.GetDouble() * 1000).Order().ToArray();
        return ((times[times.Length / 2], times[0], double.NaN), json.RootElement.GetProperty("sha256").GetString()!);
    }

    private static string Sha256(int[] labels)
    {
        var bytes = new byte[labels.Length * sizeof(int)];
        Buffer.BlockCopy(labels, 0, bytes, 0, bytes.Length);
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("the label hash is defined on little-endian int32");
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
