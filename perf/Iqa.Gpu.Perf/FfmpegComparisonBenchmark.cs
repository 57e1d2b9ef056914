using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Iqa.Gpu.Perf;

/// <summary>
/// The built <c>iqa</c> against FFmpeg's <c>ssim</c> and <c>psnr</c> filters (and libvmaf's <c>vmaf</c> tool when it is
/// on PATH), as whole processes on the same files: a 1920x1080 clip of 600 frames of <c>testsrc2</c> with temporal
/// noise, 8-bit and 10-bit 4:2:0 Y4M, distorted by x264 at CRF 35 (another lossy encoder when libx264 is missing), and
/// 100 RGB PNG pairs of its frames. Every case runs once per round, the cases alternating, for several rounds; the
/// median wall time gives frames (or pairs) per second, and each iqa case its ratio to FFmpeg's in the same rounds.
/// Peak RSS and CPU time come from /usr/bin/time. The inputs live in a temp folder (kept between runs with
/// <c>keep</c>, removed otherwise).
/// </summary>
public static class FfmpegComparisonBenchmark
{
    private const int Width = 1920, Height = 1080, Frames = 600, PngPairs = 100;

    /// <summary>One measured command: what it is compared with, how many items one run scores.</summary>
    private sealed record Case(string Group, string Label, string Program, string[] Arguments, int Items, string? Baseline = null)
    {
        public List<Measurement> Runs { get; } = [];
    }

    private sealed record Measurement(double Seconds, double CpuSeconds, long PeakKiB, string Output);

    /// <param name="args">optional: <c>rounds=N</c> (default 3), <c>keep</c> (keep and reuse the generated inputs),
    /// <c>only=GROUP[,GROUP]</c> (video8, video10, batch, score), <c>iqa=PATH</c> (another build of iqa, measured beside the
    /// built one in the same rounds, its cases tagged with its folder's name)</param>
    public static void Run(TextWriter output, string[] args)
    {
        string? Argument(string name) => args.FirstOrDefault(a => a.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];
        int rounds = Argument("rounds") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 3;
        bool keep = args.Contains("keep");
        var only = Argument("only")?.Split(',');
        string iqa = IqaBinary();
        var builds = new List<Build> { new(iqa, "") };
        if (Argument("iqa") is { } other)
            builds.Add(new Build(other, $" [{Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(other)))}]"));
        string folder = Path.Combine(Path.GetTempPath(), "iqa-ffmpeg-comparison");
        Directory.CreateDirectory(folder);
        try
        {
            string encoder = LossyEncoder();
            output.WriteLine($"iqa ({string.Join(", ", builds.Select(b => b.Path))}) against FFmpeg ({FirstLine("ffmpeg", "-version")}), whole processes, {Environment.ProcessorCount} cores; " +
                             $"inputs in {folder}, distorted with {encoder} ({EncoderArguments(encoder, 8)})");
            var inputs = Generate(folder, encoder, output);
            var cases = Cases(builds, inputs).Where(c => only is null || only.Contains(c.Group)).ToList();
            output.WriteLine($"{rounds} rounds, cases alternating; load average before: {Measure.LoadAverage()}");
            foreach (var c in cases.Where(c => builds.Any(b => b.Path == c.Program)).DistinctBy(c => (c.Group, c.Program)))
                Execute(c); // a first run of each group warms the page cache, unmeasured
            for (int round = 0; round < rounds; round++)
                foreach (var c in cases)
                    c.Runs.Add(Execute(c));
            output.WriteLine($"load average after: {Measure.LoadAverage()}");
            Report(output, cases);
        }
        finally
        {
            if (!keep)
                Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A build of iqa, and the tag its cases' labels end with.</summary>
    private sealed record Build(string Path, string Tag);

    private sealed record Inputs(string Ref8, string Dist8, string Ref10, string Dist10, string RefPngs, string DistPngs);

    private static IEnumerable<Case> Cases(IReadOnlyList<Build> builds, Inputs inputs)
    {
        string vmaf = OnPath("vmaf") ? "vmaf" : "";
        foreach (var (group, reference, distorted) in new[] { ("video8", inputs.Ref8, inputs.Dist8), ("video10", inputs.Ref10, inputs.Dist10) })
        {
            string ffmpeg = $"ffmpeg ssim;psnr ({group})";
            yield return new Case(group, ffmpeg, "ffmpeg",
                ["-v", "error", "-nostdin", "-i", distorted, "-i", reference, "-lavfi", "[0:v][1:v]ssim;[0:v][1:v]psnr", "-f", "null", "-"], Frames);
            string[] video = ["video", "--ref", reference, "--dist", distorted, "-a", "cpu", "--quiet", "-m"];
            foreach (var (iqa, tag) in builds)
            {
                yield return new Case(group, $"iqa ssim,psnr ({group}){tag}", iqa, [.. video, "ssim,psnr"], Frames, ffmpeg);
                yield return new Case(group, $"iqa ssim,psnr --downsample none ({group}){tag}", iqa, [.. video, "ssim,psnr", "--downsample", "none"], Frames, ffmpeg);
                yield return new Case(group, $"iqa ms_ssim ({group}){tag}", iqa, [.. video, "ms_ssim"], Frames, ffmpeg);
            }
            if (vmaf.Length > 0)
                yield return new Case(group, $"vmaf float_ssim,psnr ({group})", vmaf,
                    ["-r", reference, "-d", distorted, "--no_prediction", "--feature", "float_ssim", "--feature", "psnr", "-o", "/dev/null", "-q"], Frames);
        }
        string ffmpegBatch = "ffmpeg ssim;psnr (PNG sequences)";
        yield return new Case("batch", ffmpegBatch, "ffmpeg",
            ["-v", "error", "-nostdin", "-i", Path.Combine(inputs.DistPngs, "%06d.png"), "-i", Path.Combine(inputs.RefPngs, "%06d.png"),
                "-lavfi", "[0:v][1:v]ssim;[0:v][1:v]psnr", "-f", "null", "-"], PngPairs);
        foreach (var (iqa, tag) in builds)
            yield return new Case("batch", $"iqa batch ssim,psnr (2 decode threads){tag}", iqa,
                ["batch", "--ref-dir", inputs.RefPngs, "--dist-dir", inputs.DistPngs, "-m", "ssim,psnr", "-a", "cpu", "--threads", "2", "--quiet"],
                PngPairs, ffmpegBatch);
        string refPng = Path.Combine(inputs.RefPngs, "000001.png"), distPng = Path.Combine(inputs.DistPngs, "000001.png");
        string ffmpegScore = "ffmpeg ssim;psnr (one PNG pair)";
        yield return new Case("score", ffmpegScore, "ffmpeg",
            ["-v", "error", "-nostdin", "-i", distPng, "-i", refPng, "-lavfi", "[0:v][1:v]ssim;[0:v][1:v]psnr", "-f", "null", "-"], 1);
        foreach (var (iqa, tag) in builds)
        {
            yield return new Case("score", $"iqa score ssim,psnr (one PNG pair){tag}", iqa, ["score", refPng, distPng, "-a", "cpu"], 1, ffmpegScore);
            yield return new Case("score", $"iqa score ssim --downsample none --timings{tag}", iqa,
                ["score", refPng, distPng, "-a", "cpu", "-m", "ssim", "--downsample", "none", "--timings"], 1);
            yield return new Case("score", $"iqa score niqe --timings{tag}", iqa, ["score", distPng, "-a", "cpu", "-m", "niqe", "--timings"], 1);
        }
    }

    private static void Report(TextWriter output, List<Case> cases)
    {
        output.WriteLine($"  {"case",-64} {"median s",9} {"items/s",8} {"x ffmpeg",8} {"cpu s",7} {"peak MiB",8}  compute ms (--timings)");
        foreach (var c in cases)
        {
            double median = Measure.Median(c.Runs.Select(r => r.Seconds));
            string ratio = "";
            if (c.Baseline is not null && cases.FirstOrDefault(b => b.Label == c.Baseline) is { } baseline)
            {
                double baseMedian = Measure.Median(baseline.Runs.Select(r => r.Seconds));
                // Throughput ratio for streams; for one pair, the time ratio (lower is better) as the target states it.
                ratio = c.Items > 1 ? $"{baseMedian / median,7:F2}x" : $"{median / baseMedian,7:F2}t";
            }
            string compute = string.Join(" ", c.Runs.Select(r => ComputeMs(r.Output)).Where(m => m is not null));
            output.WriteLine($"  {c.Label,-64} {median,9:F3} {c.Items / median,8:F1} {ratio,8} {Measure.Median(c.Runs.Select(r => r.CpuSeconds)),7:F2} " +
                             $"{c.Runs.Max(r => r.PeakKiB) / 1024.0,8:F0}  {compute}");
        }
        output.WriteLine("  (x ffmpeg: items/s over FFmpeg's in the same rounds; for one pair, 't' marks wall time over FFmpeg's)");
    }

    /// <summary>The <c>compute</c> figure of <c>--timings</c>, in ms.</summary>
    private static string? ComputeMs(string text) =>
        Regex.Match(text, @"compute ([0-9.]+)") is { Success: true } m ? m.Groups[1].Value : null;

    private static Measurement Execute(Case c)
    {
        string timeFile = Path.GetTempFileName();
        try
        {
            bool timed = File.Exists("/usr/bin/time");
            var info = timed
                ? new ProcessStartInfo("/usr/bin/time", ["-f", "%U %S %M", "-o", timeFile, c.Program, .. c.Arguments])
                : new ProcessStartInfo(c.Program, c.Arguments);
            info.RedirectStandardOutput = true;
            info.RedirectStandardError = true;
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            double seconds = clock.Elapsed.TotalSeconds;
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{c.Label} failed ({process.ExitCode}): {stderr}");
            if (!timed)
                return new Measurement(seconds, double.NaN, 0, stdout.Result);
            var fields = File.ReadAllText(timeFile).Trim().Split('\n')[^1].Split(' ');
            double cpu = double.Parse(fields[0], CultureInfo.InvariantCulture) + double.Parse(fields[1], CultureInfo.InvariantCulture);
            return new Measurement(seconds, cpu, long.Parse(fields[2], CultureInfo.InvariantCulture), stdout.Result);
        }
        finally
        {
            File.Delete(timeFile);
        }
    }

    private static Inputs Generate(string folder, string encoder, TextWriter output)
    {
        var inputs = new Inputs(Path.Combine(folder, "ref8.y4m"), Path.Combine(folder, "dist8.y4m"),
            Path.Combine(folder, "ref10.y4m"), Path.Combine(folder, "dist10.y4m"),
            Path.Combine(folder, "png", "ref"), Path.Combine(folder, "png", "dist"));
        string done = Path.Combine(folder, "complete");
        if (File.Exists(done))
            return inputs;
        output.WriteLine($"generating the inputs ({Frames} frames, 8- and 10-bit, {PngPairs} PNG pairs) ...");
        foreach (var (bits, reference, distorted) in new[] { (8, inputs.Ref8, inputs.Dist8), (10, inputs.Ref10, inputs.Dist10) })
        {
            string format = bits == 8 ? "yuv420p" : "yuv420p10le", encoded = Path.Combine(folder, $"dist{bits}.mkv");
            // testsrc2 moves; temporal noise makes every frame differ, as camera footage does.
            Ffmpeg("-f", "lavfi", "-i", $"testsrc2=size={Width}x{Height}:rate=25", "-vf", $"noise=alls=12:allf=t+u,format={format}",
                "-frames:v", Frames.ToString(CultureInfo.InvariantCulture), "-strict", "-1", "-y", reference);
            Ffmpeg(["-i", reference, .. EncoderArguments(encoder, bits).Split(' '), "-y", encoded]);
            // Y4M calls 10-bit a non-standard extension (C420p10): -strict -1 lets ffmpeg write it.
            Ffmpeg("-i", encoded, "-pix_fmt", format, "-strict", "-1", "-y", distorted);
            File.Delete(encoded);
        }
        foreach (var (source, target) in new[] { (inputs.Ref8, inputs.RefPngs), (inputs.Dist8, inputs.DistPngs) })
        {
            Directory.CreateDirectory(target);
            Ffmpeg("-i", source, "-frames:v", PngPairs.ToString(CultureInfo.InvariantCulture), "-pix_fmt", "rgb24", "-start_number", "0",
                "-y", Path.Combine(target, "%06d.png"));
        }
        File.WriteAllText(done, "");
        return inputs;
    }

    /// <summary>x264 at CRF 35 when the installed ffmpeg has it, else x265 or VP9 at a comparable quality, else MPEG-4 part 2.</summary>
    private static string LossyEncoder()
    {
        string encoders = FirstLines("ffmpeg", "-hide_banner", "-encoders");
        return new[] { "libx264", "libx265", "libvpx-vp9" }.FirstOrDefault(e => Regex.IsMatch(encoders, $@"\s{Regex.Escape(e)}\s")) ?? "mpeg4";
    }

    private static string EncoderArguments(string encoder, int bits) => encoder switch
    {
        "libx264" => $"-c:v libx264 -preset veryfast -crf 35{(bits > 8 ? " -profile:v high10" : "")}",
        "libx265" => "-c:v libx265 -preset veryfast -crf 35",
        "libvpx-vp9" => $"-c:v libvpx-vp9 -deadline realtime -crf 45 -b:v 0{(bits > 8 ? " -profile:v 2" : "")}",
        _ => "-c:v mpeg4 -q:v 20",
    };

    private static void Ffmpeg(params string[] arguments)
    {
        var info = new ProcessStartInfo("ffmpeg", ["-v", "error", "-nostdin", .. arguments]) { RedirectStandardError = true };
        using var process = Process.Start(info)!;
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', arguments)} failed: {stderr}");
    }

    private static string FirstLine(string program, params string[] arguments) => FirstLines(program, arguments).Split('\n')[0].Trim();

    private static string FirstLines(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        string text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return text + error.Result;
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, program)));

    /// <summary>The iqa that <c>dotnet build -c Release</c> makes, found from this benchmark's own build folder.</summary>
    private static string IqaBinary()
    {
        string iqa = Path.Combine(BenchPaths.RepositoryRoot(), "src", "Iqa.Cli", "bin", "Release", "net10.0", "iqa");
        return File.Exists(iqa) ? iqa : throw new InvalidOperationException($"{iqa} not found: run 'dotnet build -c Release' first");
    }
}
