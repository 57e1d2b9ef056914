using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Pipelines;
using Iqa.Gpu.Scoring;

namespace Iqa.Gpu;

/// <summary>
/// The engine as a library: metrics chosen, initialized and bound to one device once, then scoring files, images in
/// memory or streams of pairs, each result carrying its <see cref="Scoring.Provenance"/>.
/// <code>
/// using var engine = IqaEngine.Create(new EngineOptions { Metrics = ["ssim", "psnr"], Accelerator = "auto" });
/// ScoreResult r = engine.Score("ref.png", "dist.png");
/// double ssim = r.Scores["ssim"];
/// </code>
/// One engine computes one item at a time (calls from several threads are serialized); use one engine per device.
/// </summary>
public sealed class IqaEngine : IDisposable
{
    private readonly IComputeDevice _device;
    private readonly Scorer _scorer;
    private readonly BatchOptions _batch;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private IqaEngine(IComputeDevice device, Scorer scorer, BatchOptions batch)
    {
        _device = device;
        _scorer = scorer;
        _batch = batch;
    }

    /// <exception cref="IqaException">An unknown metric, profile or device; an invalid option; a model that can't be loaded.</exception>
    public static IqaEngine Create(EngineOptions? options = null)
    {
        options ??= new EngineOptions();
        var metrics = options.Metrics.Select(MetricRegistry.Find).Distinct().ToList();
        if (metrics.Count == 0)
            throw new IqaException("no metric given");
        var settings = Profiles.Resolve(options.Profile, options.Color, options.Downsample, options.DataRange) with
        {
            Options = options.MetricOptions.ToDictionary(kv => kv.Key.ToLowerInvariant(), kv => kv.Value),
        };
        var device = DeviceFactory.Create(options.Accelerator);
        try
        {
            return new IqaEngine(device, new Scorer(device, metrics, settings, options.MaxPixels), options.Batch);
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    /// <summary>What every result of this engine records: conventions, metrics, device.</summary>
    public Provenance Provenance => _scorer.Provenance;

    /// <summary>True when the metrics compare with a reference; false when they judge one image.</summary>
    public bool NeedsReference => _scorer.NeedsReference;

    /// <summary>Scores two image files (full-reference metrics).</summary>
    public ScoreResult Score(string reference, string distorted) => Serialized(() => _scorer.Score(reference, distorted));

    /// <summary>Judges one image file (no-reference metrics).</summary>
    public ScoreResult Score(string image) => Serialized(() => _scorer.Score(null, image));

    /// <summary>Scores two 8-bit images in memory laid out as <paramref name="layout"/> (full-reference metrics).</summary>
    public ScoreResult Score(ReadOnlySpan<byte> reference, ReadOnlySpan<byte> distorted, ImageLayout layout) =>
        Compute(Decoded(reference, layout), Decoded(distorted, layout));

    /// <summary>Scores two deeper images in memory (9 to 16 significant bits per 16-bit word) laid out as <paramref name="layout"/>.</summary>
    public ScoreResult Score(ReadOnlySpan<ushort> reference, ReadOnlySpan<ushort> distorted, ImageLayout layout) =>
        Compute(Decoded(reference, layout), Decoded(distorted, layout));

    /// <summary>Judges one 8-bit image in memory (no-reference metrics).</summary>
    public ScoreResult Score(ReadOnlySpan<byte> image, ImageLayout layout) => Compute(null, Decoded(image, layout));

    /// <summary>Judges one deeper image in memory (no-reference metrics).</summary>
    public ScoreResult Score(ReadOnlySpan<ushort> image, ImageLayout layout) => Compute(null, Decoded(image, layout));

    /// <summary>
    /// Scores items as <paramref name="items"/> yields them, decoding on every core while the device computes, and
    /// yields each outcome (scores, or the item's one-line error) as soon as it is ready, not in input order. Memory is
    /// bounded by <see cref="EngineOptions.Batch"/>, not by the number of items; a failing item never stops the rest.
    /// </summary>
    public async IAsyncEnumerable<BatchOutcome> ScoreAllAsync(IAsyncEnumerable<BatchItem> items,
        [EnumeratorCancellation] CancellationToken token = default)
    {
        var outcomes = Channel.CreateBounded<BatchOutcome>(new BoundedChannelOptions(_batch.QueueDepth) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        var run = Task.Run(async () =>
        {
            try
            {
                // One batch at a time per engine, like single calls.
                await _gate.WaitAsync(stop.Token);
                try
                {
                    await BatchPipeline.RunAsync(items, _scorer, _batch,
                        o => outcomes.Writer.WriteAsync(o, stop.Token).AsTask().GetAwaiter().GetResult(), stop.Token);
                }
                finally
                {
                    _gate.Release();
                }
                outcomes.Writer.Complete();
            }
            catch (Exception e)
            {
                outcomes.Writer.Complete(e);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var outcome in outcomes.Reader.ReadAllAsync(token))
                yield return outcome;
        }
        finally
        {
            stop.Cancel(); // the caller stopped early: end the pipeline, which may be waiting to hand over an outcome
            await run;
        }
    }

    private ScoreResult Compute(DecodedImage? reference, DecodedImage image)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var scores = Serialized(() => _scorer.Compute(reference is null ? null : "reference", reference, "image", image));
        double ms = clock.Elapsed.TotalMilliseconds;
        return new ScoreResult(reference is null ? null : "reference", "image", _scorer.Provenance, scores, new Timings(0, ms, ms));
    }

    private T Serialized<T>(Func<T> work)
    {
        _gate.Wait();
        try
        {
            return work();
        }
        finally
        {
            _gate.Release();
        }
    }

    private static DecodedImage Decoded(ReadOnlySpan<byte> samples, ImageLayout layout)
    {
        layout.Check(samples.Length, 8);
        var packed = new byte[checked(layout.Width * layout.Height * layout.Channels)];
        Pack(samples, packed, layout);
        return new DecodedImage(layout.Width, layout.Height, layout.Channels, packed);
    }

    private static DecodedImage Decoded(ReadOnlySpan<ushort> samples, ImageLayout layout)
    {
        layout.Check(samples.Length, 16);
        var packed = new ushort[checked(layout.Width * layout.Height * layout.Channels)];
        Pack(samples, packed, layout);
        ushort max = (ushort)((1 << layout.BitDepth) - 1);
        if (layout.BitDepth < 16 && packed.AsSpan().IndexOfAnyInRange((ushort)(max + 1), ushort.MaxValue) is >= 0 and var at)
            throw new IqaException($"sample {packed[at]} at index {at} exceeds the {layout.BitDepth}-bit maximum {max}");
        return new DecodedImage(layout.Width, layout.Height, layout.Channels, packed, layout.BitDepth);
    }

    private static void Pack<T>(ReadOnlySpan<T> samples, T[] packed, ImageLayout layout)
    {
        int row = layout.Width * layout.Channels;
        for (int y = 0; y < layout.Height; y++)
            samples.Slice(y * layout.Stride, row).CopyTo(packed.AsSpan(y * row, row));
    }

    public void Dispose()
    {
        _scorer.Dispose();
        _device.Dispose();
        _gate.Dispose();
    }
}
