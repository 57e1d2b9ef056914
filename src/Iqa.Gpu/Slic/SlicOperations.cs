using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;

namespace Iqa.Gpu.Slic;

/// <summary>
/// SLIC on a device: <see cref="SlicSegmentation"/> (the vectorized CPU path, identical to scikit-image's labels) on
/// the CPU, <see cref="SlicIlgpu"/> on ILGPU devices (the k-means iterations on the device, connectivity on the host).
/// </summary>
public interface ISlicOperations
{
    /// <summary>The superpixels of <paramref name="image"/> as scikit-image's <c>slic</c> gives them (docs/slic.md).</summary>
    SlicResult Segment(DecodedImage image, SlicParameters parameters);

    /// <summary>The implementation for <paramref name="device"/>, made (kernels compiled) on first use.</summary>
    static ISlicOperations On(IComputeDevice device) =>
        device.Implementation<ISlicOperations>(_ => SlicCpuOperations.Instance, d => new SlicIlgpu(d));
}

/// <summary>The CPU device's SLIC: <see cref="SlicSegmentation.Segment"/>.</summary>
internal sealed class SlicCpuOperations : ISlicOperations
{
    public static SlicCpuOperations Instance { get; } = new();

    public SlicResult Segment(DecodedImage image, SlicParameters parameters) => SlicSegmentation.Segment(image, parameters);
}
