using Iqa.Gpu.Devices;
using Iqa.Gpu.Devices.Ilgpu;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Metrics.Psnr;
using Iqa.Gpu.Metrics.Ssim;
using Iqa.Gpu.Scoring;

namespace Iqa.Gpu.Tests.Devices;

/// <summary>A device compiles a family's kernels when a metric of that family is first initialized on it, and only once.</summary>
public sealed class KernelCacheTests
{
    [Fact]
    public void Kernels_are_compiled_on_first_use_and_cached()
    {
        using var device = (IlgpuDevice)DeviceFactory.Create("ilgpu-cpu");
        Assert.Empty(device.Compilations);
        var settings = Profiles.Resolve("matlab", null, null, null);

        using (new Scorer(device, [PsnrMetric.Info], settings))
            Assert.Equal(["PsnrKernels.SquaredErrorRows"], device.Compilations.Select(c => c.Kernel));
        using (new Scorer(device, [PsnrMetric.Info, SsimMetric.Info], settings))
        {
            var names = device.Compilations.Select(c => c.Kernel).ToList();
            Assert.Equal(names.Distinct(), names); // nothing compiled twice
            Assert.Contains("SsimKernels.HorizontalMoments", names);
            Assert.DoesNotContain(names, n => n.StartsWith("Niqe") || n.StartsWith("Gmsd"));
        }
        Assert.All(device.Compilations, c => Assert.True(c.Milliseconds > 0));
    }

    [Fact]
    public void The_cpu_device_makes_each_family_implementation_once()
    {
        using var device = new CpuDevice();
        Assert.Same(ISsimOperations.On(device), ISsimOperations.On(device));
        Assert.NotSame(ISsimOperations.On(device), ISsimOperations.On(new CpuDevice()));
    }
}
