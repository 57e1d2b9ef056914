using Iqa.Gpu.Devices;
using Iqa.Gpu.Metrics.Niqe;

namespace Iqa.Gpu.Tests.Niqe;

/// <summary>
/// The NIQE kernels on ILGPU's CPU accelerator, through <see cref="IComputeDevice.NiqeBlockStatistics"/>, at both
/// scales. .NET evaluates the kernels' arithmetic as written (no contraction), which is the scalar path's, so every
/// block sum must be identical to the scalar host's, bit for bit: flat areas, ramps (whose near-zero pixels take
/// the kernel's rounded-product recomputation), noise, an odd height.
/// </summary>
public sealed class NiqeKernelTests : IDisposable
{
    private readonly IComputeDevice _backend = DeviceFactory.Create("ilgpu-cpu");

    public void Dispose() => _backend.Dispose();

    [Theory]
    [InlineData("flats-and-ramps")]
    [InlineData("texture")]
    public void Block_statistics_are_the_scalar_paths(string name)
    {
        var gray = name == "texture" ? SyntheticImages.Texture(192, 192, 8) : SyntheticImages.FlatsAndRamps(192, 193, 3);
        var image = NiqeImage.Cropped(gray, 192, 192);

        foreach (var (scale, block) in new[] { (image, NiqeCalculator.BlockSize), (new HalfScaleResize(image), NiqeCalculator.BlockSize / 2) })
        {
            var expected = NiqeHost.Scalar.BlockStatistics(scale, block);
            var actual = INiqeOperations.On(_backend).BlockStatistics(scale, block);
            Assert.Equal(expected.Sums, actual.Sums);
            Assert.Equal(expected.SigmaSums, actual.SigmaSums);
        }
    }
}
