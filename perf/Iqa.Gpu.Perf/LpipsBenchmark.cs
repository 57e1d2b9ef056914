using System.Diagnostics;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics.Deep;

namespace Iqa.Gpu.Perf;

/// <summary>
/// LPIPS-alex throughput on the CPU execution provider with intra-op threads = core count, at 512x384 (the TID2013
/// size) and 1920x1080, one pair per call and four pairs per call, with the share of time spent preparing input
/// (decoded samples to NCHW float) versus running the network.
/// </summary>
public static class LpipsBenchmark
{
    private static readonly (int Width, int Height)[] Sizes = [(512, 384), (1920, 1080)];
    private static readonly int[] BatchSizes = [1, 4];
    private static readonly TimeSpan MinimumTime = TimeSpan.FromSeconds(5);
    private const int MinimumCalls = 3;

    public static void Run(TextWriter output)
    {
        output.WriteLine($"LPIPS-alex, ONNX Runtime CPU, intra-op threads {Environment.ProcessorCount}");
        output.WriteLine("size        pairs/call  pairs/s   ms/pair  preparation  inference");
        using var lpips = DeepMetric.Open(DeepModels.Lpips);
        foreach (var (width, height) in Sizes)
            foreach (int batch in BatchSizes)
            {
                var references = Enumerable.Range(0, batch).Select(i => Synthetic(width, height, seed: i)).ToArray();
                var distorted = Enumerable.Range(0, batch).Select(i => Synthetic(width, height, seed: 100 + i)).ToArray();
                lpips.ScoreBatch(references, distorted); // warm-up: first-run allocations and kernel selection
                var before = lpips.Timings;
                var clock = Stopwatch.StartNew();
                int calls = 0;
                while (calls < MinimumCalls || clock.Elapsed < MinimumTime)
                {
                    lpips.ScoreBatch(references, distorted);
                    calls++;
                }
                clock.Stop();
                var after = lpips.Timings;
                double preparation = (after.Preparation - before.Preparation).TotalSeconds;
                double inference = (after.Inference - before.Inference).TotalSeconds;
                long pairs = after.Pairs - before.Pairs;
                output.WriteLine(
                    $"{$"{width}x{height}",-11} {batch,10} {pairs / clock.Elapsed.TotalSeconds,9:F2} {clock.Elapsed.TotalMilliseconds / pairs,9:F1}"
                    + $" {preparation / (preparation + inference),11:P1} {inference / (preparation + inference),10:P1}");
            }
    }

    /// <summary>Smooth gradients plus noise: the network's cost does not depend on content, but realistic data keeps denormals out.</summary>
    private static DecodedImage Synthetic(int width, int height, int seed)
    {
        var random = new Random(seed);
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                for (int c = 0; c < 3; c++)
                    rgb[3 * (y * width + x) + c] = (byte)Math.Clamp((x * (c + 1) + y * (3 - c)) % 256 + random.Next(-16, 17), 0, 255);
        return new DecodedImage(width, height, 3, rgb);
    }
}
