using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using Iqa.Gpu.Devices.Ilgpu;
using Iqa.Gpu.Images;
using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Metrics.Deep;

using PlanarInputLauncher = Action<AcceleratorStream, Index2D, ArrayView<byte>, ArrayView<float>, ArrayView<float>, int, int, int, int>;

/// <summary>
/// An NCHW float32 batch prepared in an ILGPU device's memory for ONNX Runtime's CUDA execution provider: each image's
/// samples are uploaded as stored and turned into planar RGB by <see cref="DeepKernels.PlanarInput"/> on the device (the
/// host's values exactly: the same tables), so the network's input never passes through host memory. The buffer is
/// kept and grows only, so same-size batches allocate once. <see cref="Pointer"/> is the device address ONNX Runtime binds.
/// </summary>
internal sealed class DeviceInput(IlgpuDevice device) : IDisposable
{
    private readonly PlanarInputLauncher _planar = device.AutoGrouped<PlanarInputLauncher>(DeepKernels.PlanarInput);
    private DeviceBuffer<float>? _tensor;
    private long _elements;

    /// <summary>The device address of the batch (valid until the next <see cref="Prepare"/> of a larger batch).</summary>
    public IntPtr Pointer => (_tensor ?? throw new InvalidOperationException("no batch prepared")).NativePtr;

    /// <summary>Bytes of the prepared batch.</summary>
    public long ByteCount => _elements * sizeof(float);

    public IlgpuDevice Device => device;

    /// <summary>Writes the images (one size) as one [N, 3, H, W] batch; waits until the device has finished.</summary>
    public void Prepare(IReadOnlyList<DecodedImage> images, DeepInputRange range)
    {
        int w = images[0].Width, h = images[0].Height, block = 3 * w * h;
        _elements = (long)images.Count * block;
        if (_tensor is null || _tensor.Length < _elements)
        {
            _tensor?.Dispose();
            _tensor = device.Allocate<float>(_elements);
        }
        for (int i = 0; i < images.Count; i++)
        {
            var image = images[i];
            byte[] bytes = image.Bytes ?? MemoryMarshal.AsBytes(image.Words.AsSpan()).ToArray();
            using var samples = device.Allocate(bytes);
            var table = device.Constant(SampleScale.Table(range, image.BitDepth));
            _planar(device.Stream, new Index2D(w, h), samples.View, table, _tensor.View.SubView((long)i * block, block),
                w, image.Bands, image.ColorBands, image.Bytes is null ? 2 : 1);
            device.Stream.Synchronize(); // the upload buffer is released here; ONNX Runtime's stream reads the result next
        }
    }

    /// <summary>A host copy of the prepared batch (for tests).</summary>
    public float[] Download()
    {
        var host = new float[_elements];
        _tensor!.View.SubView(0, _elements).CopyToCPU(device.Stream, host);
        return host;
    }

    public void Dispose() => _tensor?.Dispose();
}
