using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;
using Iqa.Gpu.Scoring;

namespace Iqa.Gpu.Pipelines;

/// <summary>Sizing of the batch pipeline.</summary>
/// <param name="DecodeThreads">Items decoded in parallel (default: one per core).</param>
/// <param name="QueueDepth">Decoded items waiting for the metrics.</param>
/// <param name="MaxQueuedPixels">Pixels decoded and not yet scored (bounds memory for large frames).</param>
/// <param name="MaxGroup">Items already decoded that are scored together, so batching metrics (LPIPS) get same-size pairs in one call.</param>
public sealed record BatchOptions(int DecodeThreads, int QueueDepth, long MaxQueuedPixels, int MaxGroup = 4)
{
    public static BatchOptions Default => new(Environment.ProcessorCount, 2 * Environment.ProcessorCount, 1L << 27);
}

/// <summary>
/// Scores many items in one process: decoders on every core feed a bounded queue that one scoring loop drains
/// (the backend's own kernels or vectorized loops use the device / all cores), so decoding overlaps compute and
/// memory stays bounded by the queue depth and the pixel budget, never by the number of files.
/// On the <c>cpu</c> device (no batching or ONNX metric) each decoding thread scores the item it decoded, with its own
/// scorer and its kernels on its own thread: no queue, no fork and join per item, and one item per thread in memory.
/// A failing item becomes an error outcome and the batch goes on.
/// </summary>
public static class BatchPipeline
{
    private sealed record Decoded(BatchItem Item, DecodedImage? Reference, DecodedImage? Image, string? Error, long Pixels);

    public static Task<BatchSummary> RunAsync(IReadOnlyList<BatchItem> items, Scorer scorer, BatchOptions options,
        Action<BatchOutcome> onOutcome, CancellationToken token = default) =>
        RunAsync(items.ToAsyncEnumerable(), scorer, options, onOutcome, token);

    /// <summary>Scores items as the source yields them (a list, a file being read, a queue): memory stays bounded whatever its length.</summary>
    public static async Task<BatchSummary> RunAsync(IAsyncEnumerable<BatchItem> items, Scorer scorer, BatchOptions options,
        Action<BatchOutcome> onOutcome, CancellationToken token = default)
    {
        if (scorer.ScoresItemsSideBySide)
            return await RunSideBySideAsync(items, scorer, options, onOutcome, token);
        var clock = Stopwatch.StartNew();
        var summary = new BatchSummary();
        var queue = Channel.CreateBounded<Decoded>(new BoundedChannelOptions(options.QueueDepth) { SingleReader = true });
        var budget = new PixelBudget(options.MaxQueuedPixels);
        var references = new DecodedCache(options.DecodeThreads + options.QueueDepth,
            path => ImageDecoder.Decode(path, scorer.MaxPixels));
        // The decoders stop when the scoring loop does, whether it finished, was cancelled or failed.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        var producer = Task.Run(async () =>
        {
            try
            {
                await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = options.DecodeThreads, CancellationToken = stop.Token },
                    async (item, ct) =>
                    {
                        var decoded = Decode(item, references, scorer.MaxPixels);
                        await budget.AcquireAsync(decoded.Pixels, ct);
                        await queue.Writer.WriteAsync(decoded, ct);
                    });
                queue.Writer.Complete();
            }
            catch (Exception e)
            {
                queue.Writer.Complete(e);
            }
        }, stop.Token);

        try
        {
            var group = new List<Decoded>(options.MaxGroup);
            while (await queue.Reader.WaitToReadAsync(token))
            {
                // Whatever is already decoded, up to MaxGroup items, is scored together; the loop never waits to fill a group.
                group.Clear();
                while (group.Count < options.MaxGroup && queue.Reader.TryRead(out var next))
                    group.Add(next);
                foreach (var outcome in Score(scorer, group))
                {
                    summary.Add(outcome);
                    onOutcome(outcome);
                }
                foreach (var d in group)
                    budget.Release(d.Pixels);
            }
        }
        finally
        {
            stop.Cancel();
            await producer.ContinueWith(_ => { }, TaskScheduler.Default);
        }
        summary.Elapsed = clock.Elapsed;
        return summary;
    }

    /// <summary>
    /// One worker per decoding thread: decode an item, score it with this worker's scorer (the caller's, or a replica),
    /// report it, take the next. Outcomes are reported one at a time, in the order items finish.
    /// </summary>
    private static async Task<BatchSummary> RunSideBySideAsync(IAsyncEnumerable<BatchItem> items, Scorer scorer, BatchOptions options,
        Action<BatchOutcome> onOutcome, CancellationToken token)
    {
        var clock = Stopwatch.StartNew();
        var summary = new BatchSummary();
        int workers = options.DecodeThreads;
        // A reference shared by consecutive items (one reference, many distortions) is decoded once while they pass.
        var references = new DecodedCache(workers + 1, path => ImageDecoder.Decode(path, scorer.MaxPixels));
        var idle = new ConcurrentStack<Scorer>([scorer]);
        var replicas = new ConcurrentBag<Scorer>();
        try
        {
            await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = token }, (item, _) =>
            {
                if (!idle.TryPop(out var mine))
                    replicas.Add(mine = scorer.Replica());
                try
                {
                    // As many items at once as cores: each item's kernels run on its own thread.
                    using var sequential = workers >= Environment.ProcessorCount ? CpuParallel.Sequential() : default;
                    var outcomes = Score(mine, [Decode(item, references, scorer.MaxPixels)]);
                    lock (summary)
                        foreach (var outcome in outcomes)
                        {
                            summary.Add(outcome);
                            onOutcome(outcome);
                        }
                }
                finally
                {
                    idle.Push(mine);
                }
                return ValueTask.CompletedTask;
            });
        }
        finally
        {
            foreach (var replica in replicas)
                replica.Dispose();
        }
        summary.Elapsed = clock.Elapsed;
        return summary;
    }

    private static Decoded Decode(BatchItem item, DecodedCache references, long maxPixels)
    {
        try
        {
            var reference = item.Reference is null ? null : references.Get(item.Reference);
            var image = ImageDecoder.Decode(item.Image, maxPixels);
            long pixels = (long)image.Width * image.Height * (reference is null ? 1 : 2);
            return new Decoded(item, reference, image, null, pixels);
        }
        catch (IqaException e)
        {
            return new Decoded(item, null, null, e.Message, 0);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An unexpected failure on one item (a decoder fault, say) is that item's error, not the batch's end.
            return new Decoded(item, null, null, $"{item.Describe()}: internal error: {e.Message}", 0);
        }
    }

    private static IEnumerable<BatchOutcome> Score(Scorer scorer, List<Decoded> group)
    {
        var ready = group.Where(d => d.Error is null).ToList();
        var results = scorer.ComputeMany(ready.Select(d => new Scorer.Item(d.Item.Reference, d.Reference, d.Item.Image, d.Image!)).ToList());
        var outcomes = ready.Select((d, i) => new BatchOutcome(d.Item, results[i].Scores, results[i].Error));
        return group.Where(d => d.Error is not null).Select(d => new BatchOutcome(d.Item, null, d.Error)).Concat(outcomes).ToList();
    }
}
