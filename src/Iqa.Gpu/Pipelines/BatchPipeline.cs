using System.Diagnostics;
using System.Threading.Channels;
using Iqa.Gpu.Images;
using Iqa.Gpu.Scoring;

namespace Iqa.Gpu.Pipelines;

/// <summary>Sizing of the batch pipeline.</summary>
/// <param name="DecodeThreads">Items decoded in parallel (default: one per core).</param>
/// <param name="QueueDepth">Decoded items waiting for the metrics.</param>
/// <param name="MaxQueuedPixels">Pixels decoded and not yet scored (bounds memory for large frames).</param>
public sealed record BatchOptions(int DecodeThreads, int QueueDepth, long MaxQueuedPixels)
{
    public static BatchOptions Default => new(Environment.ProcessorCount, 2 * Environment.ProcessorCount, 1L << 27);
}

/// <summary>
/// Scores many items in one process: decoders on every core feed a bounded queue that one scoring loop drains
/// (the backend's own kernels or vectorized loops use the device / all cores), so decoding overlaps compute and
/// memory stays bounded by the queue depth and the pixel budget, never by the number of files.
/// A failing item becomes an error outcome and the batch goes on.
/// </summary>
public static class BatchPipeline
{
    private sealed record Decoded(BatchItem Item, DecodedImage? Reference, DecodedImage? Image, string? Error, long Pixels);

    public static async Task<BatchSummary> RunAsync(IReadOnlyList<BatchItem> items, Scorer scorer, BatchOptions options,
        Action<BatchOutcome> onOutcome, CancellationToken token = default)
    {
        var clock = Stopwatch.StartNew();
        var summary = new BatchSummary();
        var queue = Channel.CreateBounded<Decoded>(new BoundedChannelOptions(options.QueueDepth) { SingleReader = true });
        var budget = new PixelBudget(options.MaxQueuedPixels);
        var references = new DecodedCache(options.DecodeThreads + options.QueueDepth,
            path => ImageDecoder.Decode(path, scorer.MaxPixels));
        var producer = Task.Run(async () =>
        {
            try
            {
                await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = options.DecodeThreads, CancellationToken = token },
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
        }, token);

        await foreach (var d in queue.Reader.ReadAllAsync(token))
        {
            var outcome = d.Error is not null ? new BatchOutcome(d.Item, null, d.Error) : Score(scorer, d);
            budget.Release(d.Pixels);
            summary.Add(outcome);
            onOutcome(outcome);
        }
        await producer;
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
    }

    private static BatchOutcome Score(Scorer scorer, Decoded d)
    {
        try
        {
            return new BatchOutcome(d.Item, scorer.Compute(d.Item.Reference, d.Reference, d.Item.Image, d.Image!), null);
        }
        catch (IqaException e)
        {
            return new BatchOutcome(d.Item, null, e.Message);
        }
    }
}
