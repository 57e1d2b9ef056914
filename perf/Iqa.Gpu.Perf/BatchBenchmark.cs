using System.Diagnostics;
using Iqa.Cli.Synthetic;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Pipelines;
using Iqa.Gpu.Scoring;

namespace Iqa.Gpu.Perf;

/// <summary>
/// Batch throughput on a generated frame dump of 1080p RGB PNG pairs (noisy content, so PNG decoding costs what it
/// does on real frames). In one run: decode-only time of every image with the batch's decoder and thread count,
/// then the batch pipeline with ssim,psnr and with ms_ssim on the cpu backend. The dump is kept in perf/out.
/// </summary>
public static class BatchBenchmark
{
    public static void Run(TextWriter output) => Run(output, pairs: 200);

    public static void Run(TextWriter output, int pairs)
    {
        const int w = 1920, h = 1080;
        string root = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "out", $"framedump-{pairs}");
        var items = Generate(Path.GetFullPath(root), pairs, w, h, output);
        var options = BatchOptions.Default;
        // Warm-up: JIT, libvips initialization and the page cache, outside the timed runs.
        Batch(items, options, "ssim,psnr,ms_ssim");

        // The three runs alternate, three rounds, medians reported: the cores are shared, so load drifts over a run.
        var decodeTimes = new List<double>();
        var ssimTimes = new List<double>();
        var msssimTimes = new List<double>();
        for (int round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            Parallel.ForEach(items.SelectMany(i => new[] { i.Reference!, i.Image }),
                new ParallelOptions { MaxDegreeOfParallelism = options.DecodeThreads }, p => ImageDecoder.Decode(p));
            decodeTimes.Add(clock.Elapsed.TotalSeconds);
            ssimTimes.Add(Batch(items, options, "ssim,psnr"));
            msssimTimes.Add(Batch(items, options, "ms_ssim"));
        }
        double decodeOnly = Measure.Median(decodeTimes), ssim = Measure.Median(ssimTimes), msssim = Measure.Median(msssimTimes);
        output.WriteLine($"batch of {pairs} 1920x1080 RGB PNG pairs, {options.DecodeThreads} decode threads, cpu backend; median of 3 alternating rounds");
        output.WriteLine($"  decode only        {decodeOnly,7:F2} s  {pairs / decodeOnly,6:F1} pairs/s");
        output.WriteLine($"  batch ssim,psnr    {ssim,7:F2} s  {pairs / ssim,6:F1} pairs/s  {ssim / decodeOnly:F3} x decode-only");
        output.WriteLine($"  batch ms_ssim      {msssim,7:F2} s  {pairs / msssim,6:F1} pairs/s  {msssim / decodeOnly:F3} x decode-only, {msssim / ssim:F3} x ssim,psnr");
    }

    private static double Batch(IReadOnlyList<BatchItem> items, BatchOptions options, string metrics)
    {
        using var backend = DeviceFactory.Create("cpu");
        using var scorer = new Scorer(backend, MetricRegistry.Parse(metrics), Profiles.Resolve("matlab", null, null, null));
        var clock = Stopwatch.StartNew();
        var summary = BatchPipeline.RunAsync(items, scorer, options, _ => { }).GetAwaiter().GetResult();
        if (summary.Failed > 0)
            throw new InvalidOperationException($"{summary.Failed} pairs failed");
        return clock.Elapsed.TotalSeconds;
    }

    private static IReadOnlyList<BatchItem> Generate(string root, int pairs, int w, int h, TextWriter output)
    {
        string refDir = Path.Combine(root, "ref"), distDir = Path.Combine(root, "dist");
        Directory.CreateDirectory(refDir);
        Directory.CreateDirectory(distDir);
        var items = Enumerable.Range(0, pairs)
            .Select(i => new BatchItem(Path.Combine(refDir, $"{i:D6}.png"), Path.Combine(distDir, $"{i:D6}.png"))).ToList();
        var missing = items.Where(i => !File.Exists(i.Image)).ToList();
        if (missing.Count > 0)
            output.WriteLine($"generating {missing.Count} pairs in {root} ...");
        Parallel.ForEach(missing, item =>
            SyntheticPairs.Write(item.Reference!, item.Image, w, h, seed: int.Parse(Path.GetFileNameWithoutExtension(item.Image))));
        return items;
    }
}
