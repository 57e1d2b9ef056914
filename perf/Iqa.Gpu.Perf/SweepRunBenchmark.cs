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
/// Alternating rounds, medians, the load average printed. The dataset is kept in perf/out.
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
            var decode = new List<double>();
            var whole = new List<double>();
            var sharded = new List<double>();
            for (int round = 0; round < 3; round++)
            {
                var clock = Stopwatch.StartNew();
                Parallel.ForEach(images, new ParallelOptions { MaxDegreeOfParallelism = threads }, p => ImageDecoder.Decode(p));
                decode.Add(clock.Elapsed.TotalSeconds);
                whole.Add(Sweep(root, Path.Combine(work, $"whole{round}"), "--bootstrap", "0"));
                clock.Restart();
                var shards = Enumerable.Range(0, 4).Select(i => Path.Combine(work, $"r{round}-shard{i}")).ToArray();
                for (int i = 0; i < 4; i++)
                    Sweep(root, shards[i], "--bootstrap", "0", "--shard", $"{i}/4");
                Check(IqaApp.Run(["merge", Path.Combine(work, $"merged{round}"), .. shards, "--bootstrap", "0"], TextWriter.Null, Console.Error), "merge");
                sharded.Add(clock.Elapsed.TotalSeconds);
            }
            double withBootstrap = Sweep(root, Path.Combine(work, "bootstrap"));
            double d = Measure.Median(decode), w = Measure.Median(whole), s = Measure.Median(sharded);
            int items = References * Types * Levels;
            output.WriteLine($"sweep of a KADID-10k-shaped dataset: {items} distorted + {References} reference 512x384 PNGs, ssim,psnr,ms_ssim, cpu, " +
                             $"{threads} decode threads; median of 3 alternating rounds; load average {Measure.LoadAverage()}");
            output.WriteLine($"  decode only (each image once)    {d,7:F2} s  {items / d,7:F1} images/s");
            output.WriteLine($"  iqa sweep (--bootstrap 0)        {w,7:F2} s  {items / w,7:F1} items/s  {w / d:F3} x decode-only");
            output.WriteLine($"  4 shards + iqa merge             {s,7:F2} s  {s / w:F3} x the single sweep");
            output.WriteLine($"  iqa sweep (1000 resamples, once) {withBootstrap,7:F2} s  (statistics {withBootstrap - w:F2} s more)");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static double Sweep(string root, string output, params string[] extra)
    {
        var clock = Stopwatch.StartNew();
        Check(IqaApp.Run(["sweep", "--dataset", "kadid10k", "--root", root, "--out", output, "-m", "ssim,psnr,ms_ssim", "-a", "cpu", "-q", .. extra],
            TextWriter.Null, Console.Error), "sweep");
        return clock.Elapsed.TotalSeconds;
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
