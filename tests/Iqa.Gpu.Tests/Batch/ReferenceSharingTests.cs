using Iqa.Gpu.Devices;
using Iqa.Gpu.Devices.Ilgpu;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Metrics.Ssim;
using Iqa.Gpu.Scoring;

namespace Iqa.Gpu.Tests.Batch;

/// <summary>Items that share a decoded reference share its prepared planes: one conversion and upload, not one per item.</summary>
public sealed class ReferenceSharingTests
{
    private sealed class CountingDevice(IComputeDevice inner) : IComputeDevice
    {
        public int Uploads { get; private set; }
        public string Name => inner.Name;
        public string Description => inner.Description;
        public Plane Download(IDevicePlane plane) => inner.Download(plane);
        public T Implementation<T>(Func<CpuDevice, T> cpu, Func<IlgpuDevice, T> ilgpu) where T : class => inner.Implementation(cpu, ilgpu);
        public void Dispose() => inner.Dispose();

        public IDevicePlane Upload(Plane plane)
        {
            Uploads++;
            return inner.Upload(plane);
        }
    }

    [Fact]
    public void A_reference_shared_by_consecutive_items_is_prepared_once()
    {
        using var device = new CountingDevice(new CpuDevice());
        using var scorer = new Scorer(device, [SsimMetric.Info], Profiles.Resolve("matlab", null, null, null));
        var reference = TestImages.Random(40, 32, 1, seed: 1);
        var other = TestImages.Random(40, 32, 1, seed: 2);
        Scorer.Item Pair(DecodedImage r, int seed) => new("ref", r, $"dist{seed}", TestImages.Random(40, 32, 1, seed));

        var first = scorer.ComputeMany([Pair(reference, 10), Pair(reference, 11)]);
        var second = scorer.ComputeMany([Pair(reference, 12), Pair(other, 13)]);
        Assert.All(first.Concat(second), r => Assert.Null(r.Error));
        Assert.Equal(1 + 1 + 4, device.Uploads); // the shared reference once for both groups, the other reference once, four distorted
        Assert.Equal(scorer.Compute("ref", reference, "d", TestImages.Random(40, 32, 1, 10))["ssim"], first[0].Scores!["ssim"]);
    }
}
