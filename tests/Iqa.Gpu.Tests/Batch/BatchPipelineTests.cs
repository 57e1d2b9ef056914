using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;

using Iqa.Gpu.Metrics.Ssim;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Pipelines;
using Iqa.Gpu.Scoring;

namespace Iqa.Gpu.Tests.Batch;

public sealed class BatchPipelineTests : IDisposable
{
    private readonly TempDirectory _images = new();

    /// <summary>Pairs of mixed sizes (the queue path needs a device other than cpu).</summary>
    private List<BatchItem> MixedPairs(int count)
    {
        var items = new List<BatchItem>();
        for (int i = 0; i < count; i++)
        {
            int w = 30 + 13 * (i % 4), h = 25 + 7 * (i % 3);
            string a = _images.WritePng($"a{i}.png", TestImages.Pattern(w, h, 1, seed: i), w, h, 1);
            string b = _images.WritePng($"b{i}.png", TestImages.Pattern(w, h, 1, seed: 50 + i, noise: 40), w, h, 1);
            items.Add(new BatchItem(a, b));
        }
        return items;
    }

    /// <summary>Mixed sizes under a tiny pixel budget and queue: every item still comes out once, nothing deadlocks.</summary>
    [Fact]
    public async Task BoundedQueueAndPixelBudgetScoreEveryItemOnce()
    {
        var items = MixedPairs(12);
        using var backend = DeviceFactory.Create("ilgpu-cpu");
        using var scorer = new Scorer(backend, [SsimMetric.Info], Profiles.Resolve("matlab", null, null, null));
        var seen = new List<BatchOutcome>();
        var summary = await BatchPipeline.RunAsync(items, scorer, new BatchOptions(3, 1, MaxQueuedPixels: 1000), seen.Add);
        Assert.Equal(12, summary.Scored);
        Assert.Equal(items.Select(i => i.Image).Order(), seen.Select(o => o.Item.Image).Order());
    }

    /// <summary>
    /// On the cpu device items are decoded and scored side by side by replicas of the scorer: each item comes out once
    /// with the scores the scorer gives it alone, and a failing item is its own error row.
    /// </summary>
    [Fact]
    public async Task SideBySideScoresEachItemOnceAsAlone()
    {
        var items = MixedPairs(9);
        items.Add(new BatchItem(items[0].Reference, _images.File("missing.png")));
        using var backend = new CpuDevice();
        using var scorer = new Scorer(backend, [SsimMetric.Info, MetricRegistry.Find("psnr")], Profiles.Resolve("matlab", null, null, null));
        var seen = new List<BatchOutcome>();
        var summary = await BatchPipeline.RunAsync(items, scorer, new BatchOptions(3, 1, MaxQueuedPixels: 1000), seen.Add);
        Assert.Equal((9, 1), (summary.Scored, summary.Failed));
        Assert.Equal(items.Select(i => i.Image).Order(), seen.Select(o => o.Item.Image).Order());
        Assert.Contains("missing.png: file not found", seen.Single(o => o.Error is not null).Error);
        foreach (var outcome in seen.Where(o => o.Error is null))
        {
            var alone = scorer.Compute(outcome.Item.Reference, ImageDecoder.Decode(outcome.Item.Reference!),
                outcome.Item.Image, ImageDecoder.Decode(outcome.Item.Image));
            Assert.Equal(alone, outcome.Scores);
        }
    }

    [Fact]
    public async Task PixelBudgetWaitsForReleaseAndAdmitsAnOversizedItemAlone()
    {
        var budget = new PixelBudget(100);
        await budget.AcquireAsync(60, CancellationToken.None);
        var waiting = budget.AcquireAsync(60, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        budget.Release(60);
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        budget.Release(60);
        await budget.AcquireAsync(500, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)); // larger than the budget, alone
        using var cancel = new CancellationTokenSource(50);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => budget.AcquireAsync(1, cancel.Token));
    }

    public void Dispose() => _images.Dispose();
}
