using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;
using Iqa.Gpu.Slic;
using Xunit.Abstractions;

namespace Iqa.Gpu.Tests.Slic;

/// <summary>
/// The ILGPU kernels on ILGPU's CPU accelerator (it simulates device threads, so small images only) against the
/// production CPU path: at least 99.9 % of the pixels with the same label and the same label count. The device's
/// assignment and update are the host's arithmetic; only its cube root in the Lab kernel may differ from numpy's in
/// the last bit, so the measured agreement (written to the test output) is normally 100 %.
/// </summary>
public sealed class SlicIlgpuTests(ITestOutputHelper output) : IDisposable
{
    private readonly Lazy<IComputeDevice> _device = new(() => DeviceFactory.Create("ilgpu-cpu"));

    private ISlicOperations Slic => ISlicOperations.On(_device.Value);

    public void Dispose()
    {
        if (_device.IsValueCreated)
            _device.Value.Dispose();
    }

    public static TheoryData<string, int, double, int> Cases { get; } = new()
    {
        { "astronaut_64x48.png", 20, 10, 1 },
        { "astronaut_64x48.png", 100, 0.5, 0 },
        { "astronaut_37x53.png", 9, 10, 1 },
        { "blobs_gray_50x41.png", 12, 10, 1 },
        { "blobs_rgb16_40x30.png", 10, 10, 1 },
        { "flat_gray_16x16.png", 4, 10, 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreesWithTheCpuPath(string name, int segments, double compactness, int startLabel)
    {
        var image = SlicTestData.Image(name);
        var p = new SlicParameters { Segments = segments, Compactness = compactness, StartLabel = startLabel };
        var cpu = SlicSegmentation.Segment(image, p);
        var device = Slic.Segment(image, p);
        int same = cpu.Labels.Zip(device.Labels).Count(t => t.First == t.Second);
        double agreement = (double)same / cpu.Labels.Length;
        output.WriteLine($"{name} K={segments}: {same} of {cpu.Labels.Length} pixels agree ({agreement:P3}); labels {device.LabelCount} vs {cpu.LabelCount}");
        Assert.True(agreement >= 0.999, $"agreement {agreement:P3}");
        Assert.Equal(cpu.LabelCount, device.LabelCount);
    }

    /// <summary>The kernels' cube root (no pow or cbrt on GPUs) over rgb2lab's range: within 4 ulps of the C library's.</summary>
    [Fact]
    public void KernelCubeRootIsWithinFourUlps()
    {
        var rng = new Random(3);
        for (int i = 0; i < 1_000_000; i++)
        {
            double t = 0.008856 + rng.NextDouble() * 1.3;
            long ulps = Math.Abs(BitConverter.DoubleToInt64Bits(Iqa.Gpu.Kernels.SlicKernels.Cbrt(t)) - BitConverter.DoubleToInt64Bits(Math.Cbrt(t)));
            Assert.True(ulps <= 4, $"cbrt({t:R}): {ulps} ulps");
        }
    }

    [Fact]
    public void SameLabelsEveryRun()
    {
        var image = SlicTestData.Image("astronaut_37x53.png");
        var p = new SlicParameters { Segments = 30 };
        Assert.Equal(Slic.Segment(image, p).Labels, Slic.Segment(image, p).Labels);
    }

    [Fact]
    public void BadParametersAreRefusedBeforeTheDevice()
    {
        var e = Assert.Throws<IqaException>(() => Slic.Segment(SlicTestData.Image("astronaut_37x53.png"), new SlicParameters { Compactness = 0 }));
        Assert.StartsWith("slic: compactness", e.Message);
    }
}
