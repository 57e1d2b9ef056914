using Iqa.Gpu.Devices;

using Iqa.Gpu.Metrics.Ssim;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Pipelines;
using Iqa.Gpu.Scoring;

namespace Iqa.Gpu.Tests.Batch;

public sealed class BatchPipelineTests : IDisposable
{
    private readonly TempDirectory _images = new();

    /// <summary>Mixed sizes under a tiny pixel budget and queue: every item still comes out once, nothing deadlocks.</summary>
    [Fact]
    public async Task BoundedQueueAndPixelBudgetScoreEveryItemOnce()
    {
        var items = new List<BatchItem>();
        for (int i = 0; i < 12; i++)
        {
            int w = 30 + 13 * (i % 4), h = 25 + 7 * (i % 3);
            string a = _images.WritePng($"a{i}.png", TestImages.Pattern(w, h, 1, seed: i), w, h, 1);
            string b = _images.WritePng($"b{i}.png", TestImages.Pattern(w, h, 1, seed: 50 + i, noise: 40), w, h, 1);
            items.Add(new BatchItem(a, b));
        }
        using var backend = new CpuDevice();
        using var scorer = new Scorer(backend, [SsimMetric.Info], Profiles.Resolve("matlab", null, null, null));
        var seen = new List<BatchOutcome>();
        var summary = await BatchPipeline.RunAsync(items, scorer, new BatchOptions(3, 1, MaxQueuedPixels: 1000), seen.Add);
        Assert.Equal(12, summary.Scored);
        Assert.Equal(items.Select(i => i.Image).Order(), seen.Select(o => o.Item.Image).Order());
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
