using Iqa.Gpu.Devices;
using Iqa.Gpu.Devices.Ilgpu;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Metrics.Ssim;
using Iqa.Gpu.Scoring;

namespace Iqa.Gpu.Tests.Devices;

/// <summary>An ILGPU device counts the memory it allocates (pooled buffers and constants) and its peak.</summary>
public sealed class DeviceMemoryTests
{
    [Fact]
    public void Pooled_buffers_and_constants_are_counted_until_released()
    {
        var device = (IlgpuDevice)DeviceFactory.Create("ilgpu-cpu");
        var memory = device.Memory;
        Assert.Equal((0, 0), (memory.CurrentBytes, memory.PeakBytes));
        const long plane = 64 * 48 * sizeof(float);

        var a = device.Upload(new Plane(64, 48));
        var b = device.Upload(new Plane(64, 48));
        Assert.Equal((2 * plane, 2 * plane), (memory.CurrentBytes, memory.PeakBytes));
        a.Dispose();
        b.Dispose();
        Assert.Equal(2 * plane, memory.CurrentBytes); // kept in the pool for the next frame
        using (device.Upload(new Plane(64, 48)))
            Assert.Equal(2 * plane, memory.PeakBytes); // reused, not allocated

        var window = new float[11];
        device.Constant(window);
        Assert.Equal(2 * plane + sizeof(float) * 11, memory.CurrentBytes);

        device.Dispose();
        Assert.Equal(0, memory.CurrentBytes);
        Assert.Equal(2 * plane + sizeof(float) * 11, memory.PeakBytes);
    }

    [Fact]
    public void Scoring_peaks_above_its_inputs()
    {
        using var device = (IlgpuDevice)DeviceFactory.Create("ilgpu-cpu");
        using var scorer = new Scorer(device, [SsimMetric.Info], Profiles.Resolve(null, null, null, null));
        scorer.Compute("r", TestImages.Random(64, 48, 1, seed: 1), "d", TestImages.Random(64, 48, 1, seed: 2));
        // Two input planes plus the five moment maps of the window and the output map.
        Assert.True(device.Memory.PeakBytes > 2 * 64 * 48 * sizeof(float) * 3, $"{device.Memory.PeakBytes} bytes");
    }
}
