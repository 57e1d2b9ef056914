using System.Diagnostics;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;
using Iqa.Gpu.Maps;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Scoring;
using Iqa.Gpu.Slic;

namespace Iqa.Gpu.Perf;

/// <summary>
/// What quality maps and superpixel regions cost on top of the plain score, in the same process and the same rounds:
/// per metric, the score alone (colour conversion included, decoding not), with its maps (computed and read back), with
/// regions (K superpixels: SLIC of a reference seen for the first time, and of one already segmented, as a batch's
/// pairs sharing a reference find it), and writing one map as PNG and as TIFF. The configurations run in turn, round
/// after round, and each figure is the median over the rounds (the machine is shared). 1920x1080 on <c>cpu</c>; a small
/// size on <c>ilgpu-cpu</c> (simulated GPU threads: it checks the path, says nothing of a GPU's speed).
/// </summary>
public static class MapsBenchmark
{
    public static void Run(TextWriter output)
    {
        var reference = ImageDecoder.Decode(BenchPaths.Astronaut1080p());
        var distorted = Noisy(reference, 5, seed: 1);
        output.WriteLine($"maps and regions, {reference.Width}x{reference.Height} astronaut against a noisy copy (σ 5), {Environment.ProcessorCount} cores; load average {Measure.LoadAverage()}");
        using (var cpu = DeviceFactory.Create("cpu"))
            Table(output, cpu, reference, distorted, ["ssim", "psnr", "ms_ssim", "gmsd", "ssim,psnr"], segments: [100, 300], rounds: 9);
        var small = Crop(reference, 320, 240);
        var smallNoisy = Noisy(small, 5, seed: 2);
        using (var ilgpu = DeviceFactory.Create("ilgpu-cpu"))
            Table(output, ilgpu, small, smallNoisy, ["ssim", "psnr", "gmsd"], segments: [100], rounds: 3);
        output.WriteLine($"(milliseconds per pair, median over the rounds; load average after: {Measure.LoadAverage()})");
    }

    private static void Table(TextWriter output, IComputeDevice device, DecodedImage reference, DecodedImage distorted,
        string[] metricLists, int[] segments, int rounds)
    {
        output.WriteLine($"{device.Name}, {reference.Width}x{reference.Height}:");
        string[] columns = ["score", "+maps", .. segments.SelectMany(k => new[] { $"+regions {k}", $"segmented {k}" }), "png", "tiff"];
        output.WriteLine($"  {"metrics",-10}" + string.Concat(columns.Select(c => $"{c,14}")));
        foreach (string list in metricLists)
        {
            var metrics = MetricRegistry.Parse(list);
            var settings = Profiles.Resolve("matlab", null, null, null);
            PairAnalysis? last = null;
            var configurations = new List<(string Name, Scorer Scorer, Func<DecodedImage> Reference)>
            {
                ("score", new Scorer(device, metrics, settings), () => reference),
                ("maps", new Scorer(device, metrics, settings, analysis: c => new QualityAnalysis(c, metrics, new AnalysisOptions(), a => last = a)), () => reference),
            };
            foreach (int k in segments)
            {
                var options = new AnalysisOptions { Regions = new SlicParameters { Segments = k } };
                // A copy of the reference per pair: SLIC runs every time. The same object: segmented once, as in a batch.
                configurations.Add(($"regions {k}", new Scorer(device, metrics, settings, analysis: c => new QualityAnalysis(c, metrics, options)),
                    () => new DecodedImage(reference.Width, reference.Height, reference.Bands, (byte[])reference.Bytes!.Clone())));
                configurations.Add(($"segmented {k}", new Scorer(device, metrics, settings, analysis: c => new QualityAnalysis(c, metrics, options)), () => reference));
            }
            var times = configurations.Select(_ => new List<double>()).ToList();
            foreach (var c in configurations)
                c.Scorer.Compute("ref", c.Reference(), "dist", distorted); // warm-up: JIT, kernels, first segmentation
            for (int round = 0; round < rounds; round++)
                for (int i = 0; i < configurations.Count; i++)
                {
                    var image = configurations[i].Reference();
                    var clock = Stopwatch.StartNew();
                    configurations[i].Scorer.Compute("ref", image, "dist", distorted);
                    times[i].Add(clock.Elapsed.TotalMilliseconds);
                }
            string dir = Directory.CreateTempSubdirectory("iqa-maps-bench-").FullName;
            var shown = last!.Maps[0].Shown;
            double png = Measure.MedianMs(() => MapImage.WritePng(shown, Path.Combine(dir, "m.png"), "ref", "dist"), 3, warmup: 1);
            double tiff = Measure.MedianMs(() => MapImage.WriteTiff(shown, Path.Combine(dir, "m.tiff")), 3, warmup: 1);
            Directory.Delete(dir, recursive: true);
            output.WriteLine($"  {list,-10}" + string.Concat(times.Select(Measure.Median).Append(png).Append(tiff).Select(t => $"{t,14:F1}")));
            foreach (var c in configurations)
                c.Scorer.Dispose();
        }
    }

    private static DecodedImage Noisy(DecodedImage image, double sigma, int seed)
    {
        var rng = new Random(seed);
        var bytes = new byte[image.Bytes!.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            double g = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            bytes[i] = (byte)Math.Clamp(Math.Round(image.Bytes[i] + sigma * g), 0, 255);
        }
        return new DecodedImage(image.Width, image.Height, image.Bands, bytes);
    }

    private static DecodedImage Crop(DecodedImage image, int width, int height)
    {
        var bytes = new byte[width * height * image.Bands];
        for (int y = 0; y < height; y++)
            Array.Copy(image.Bytes!, y * image.Width * image.Bands, bytes, y * width * image.Bands, width * image.Bands);
        return new DecodedImage(width, height, image.Bands, bytes);
    }
}
