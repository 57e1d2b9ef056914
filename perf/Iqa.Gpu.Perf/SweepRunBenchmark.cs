using System.Diagnostics;
using System.Globalization;
using System.Text;
using Iqa.Cli;
using Iqa.Gpu.Images;
using NetVips;

namespace Iqa.Gpu.Perf;

/// <summary>
/// <c>iqa sweep</c> on a KADID-10k-shaped generated dataset (81 references of 512x384, 25 distortion types x 5 levels =
/// 10,125 distorted PNGs, KADID's file names and dmos.csv), against the decode-only time of the same images (each
/// reference once, the same decode threads) in the same run; and the same sweep as 4 shards plus <c>iqa merge</c>.
/// Sweeps run in process with --bootstrap 0 (the scoring and the fits; the bootstrap's cost is measured once apart).
/// Alternating rounds, medians of the wall and of the process's CPU time, the load average printed. The dataset is kept
/// in perf/out.
/// </summary>
public static class SweepRunBenchmark
{
    private const int References = 81, Types = 25, Levels = 5, Width = 512, Height = 384;

    public static void Run(TextWriter output)
    {
        string root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "out", "kadid-shaped"));
        Generate(root, output);
        string work = Directory.CreateTempSubdirectory("iqa-sweep-bench-").FullName;
        try
        {
            var images = Directory.GetFiles(Path.Combine(root, "images"));
            int threads = Environment.ProcessorCount;
            Sweep(root, Path.Combine(work, "warm"), "--bootstrap", "0"); // JIT, libvips start-up, page cache
            var decode = new List<Timed>();
            var whole = new List<Timed>();
            var sharded = new List<Timed>();
            for (int round = 0; round < 3; round++)
            {
                decode.Add(Timed.Of(() => Parallel.ForEach(images, new ParallelOptions { MaxDegreeOfParallelism = threads }, p => ImageDecoder.Decode(p))));
                whole.Add(Timed.Of(() => Sweep(root, Path.Combine(work, $"whole{round}"), "--bootstrap", "0")));
                var shards = Enumerable.Range(0, 4).Select(i => Path.Combine(work, $"r{round}-shard{i}")).ToArray();
                sharded.Add(Timed.Of(() =>
                {
                    for (int i = 0; i < 4; i++)
                        Sweep(root, shards[i], "--bootstrap", "0", "--shard", $"{i}/4");
                    Check(IqaApp.Run(["merge", Path.Combine(work, $"merged{round}"), .. shards, "--bootstrap", "0"], TextWriter.Null, Console.Error), "merge");
                }));
            }
            var withBootstrap = Timed.Of(() => Sweep(root, Path.Combine(work, "bootstrap")));
            Timed d = Timed.Median(decode), w = Timed.Median(whole), s = Timed.Median(sharded);
            int items = References * Types * Levels;
            output.WriteLine($"sweep of a KADID-10k-shaped dataset: {items} distorted + {References} reference 512x384 PNGs, ssim,psnr,ms_ssim, cpu, " +
                             $"{threads} decode threads; median of 3 alternating rounds; load average {Measure.LoadAverage()}");
            output.WriteLine("                                      wall             process CPU");
            output.WriteLine($"  decode only (each image once)    {d.Wall,7:F2} s  {items / d.Wall,7:F1} images/s  {d.Cpu,7:F2} s  {1000 * d.Cpu / images.Length:F2} ms/image");
            output.WriteLine($"  iqa sweep (--bootstrap 0)        {w.Wall,7:F2} s  {w.Wall / d.Wall:F3} x decode-only   {w.Cpu,7:F2} s  {w.Cpu / d.Cpu:F3} x decode-only, " +
                             $"{1000 * (w.Cpu - d.Cpu) / items:F2} ms/item more");
            output.WriteLine($"  4 shards + iqa merge             {s.Wall,7:F2} s  {s.Wall / w.Wall:F3} x the single sweep  {s.Cpu,7:F2} s  {s.Cpu / w.Cpu:F3} x the single sweep");
            output.WriteLine($"  iqa sweep (1000 resamples, once) {withBootstrap.Wall,7:F2} s  (statistics {withBootstrap.Wall - w.Wall:F2} s more)  " +
                             $"{withBootstrap.Cpu,7:F2} s  ({withBootstrap.Cpu - w.Cpu:F2} s more)");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Sweep(string root, string output, params string[] extra) =>
        Check(IqaApp.Run(["sweep", "--dataset", "kadid10k", "--root", root, "--out", output, "-m", "ssim,psnr,ms_ssim", "-a", "cpu", "-q", .. extra],
            TextWriter.Null, Console.Error), "sweep");

    /// <summary>
    /// Wall time and the process's CPU time (every thread: decoders, libvips' workers, the collector) of one run: the
    /// CPU time moves less than the wall time with the other work on the shared cores.
    /// </summary>
    private readonly record struct Timed(double Wall, double Cpu)
    {
        public static Timed Of(Action action)
        {
            using var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            action();
            double wall = clock.Elapsed.TotalSeconds;
            process.Refresh();
            return new Timed(wall, (process.TotalProcessorTime - cpu).TotalSeconds);
        }

        public static Timed Median(IReadOnlyList<Timed> runs) => new(Measure.Median(runs.Select(r => r.Wall)), Measure.Median(runs.Select(r => r.Cpu)));
    }

    private static void Check(int code, string what)
    {
        if (code != 0)
            throw new InvalidOperationException($"{what} exited {code}");
    }

    /// <summary>KADID-10k's layout: images/I01.png, images/I01_TT_LL.png, dmos.csv (dist_img,ref_img,dmos,var).</summary>
    private static void Generate(string root, TextWriter output)
    {
        string images = Path.Combine(root, "images"), scores = Path.Combine(root, "dmos.csv");
        if (File.Exists(scores))
            return;
        output.WriteLine($"generating the dataset in {root} ...");
        Directory.CreateDirectory(images);
        var csv = new StringBuilder("dist_img,ref_img,dmos,var\n");
        Parallel.For(0, References, r =>
        {
            byte[] reference = SyntheticFrames.Rgb(Width, Height, seed: r, noise: 3, shift: 17 * r);
            Write(Path.Combine(images, $"I{r + 1:D2}.png"), reference);
            for (int t = 0; t < Types; t++)
                for (int level = 1; level <= Levels; level++)
                    Write(Path.Combine(images, $"I{r + 1:D2}_{t + 1:D2}_{level:D2}.png"), Distort(reference, t, level, seed: r * 1000 + t * 10 + level));
        });
        for (int r = 1; r <= References; r++)
            for (int t = 1; t <= Types; t++)
                for (int level = 1; level <= Levels; level++)
                    csv.Append(CultureInfo.InvariantCulture, $"I{r:D2}_{t:D2}_{level:D2}.png,I{r:D2}.png,{5 - 0.8 * (level - 1) - 0.01 * t:0.00},0.5\n");
        File.WriteAllText(scores, csv.ToString());
    }

    /// <summary>Type t: a noise strength, a channel shift and a blocking size that grow with t and the level.</summary>
    private static byte[] Distort(byte[] reference, int type, int level, int seed)
    {
        var rng = new Random(seed);
        var distorted = new byte[reference.Length];
        double noise = (type % 5 + 1) * level * 2;
        int block = type / 5 + 1, shift = (type % 3 - 1) * level;
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
            {
                int sx = x / block * block, sy = y / block * block;
                for (int c = 0; c < 3; c++)
                {
                    double v = reference[(sy * Width + sx) * 3 + c] + shift + noise * (rng.NextDouble() - 0.5);
                    distorted[(y * Width + x) * 3 + c] = (byte)Math.Clamp(Math.Round(v), 0, 255);
                }
            }
        return distorted;
    }

    private static void Write(string path, byte[] rgb)
    {
        using var image = Image.NewFromMemory(rgb, Width, Height, 3, Enums.BandFormat.Uchar);
        image.WriteToFile(path);
    }
}
