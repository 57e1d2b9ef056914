using ILGPU;
using ILGPU.Runtime;

namespace Iqa.Gpu.Devices.Ilgpu;

/// <summary>A plane in device memory, rented from the device's buffer pool and returned to it on dispose.</summary>
public sealed class IlgpuPlane(int width, int height, MemoryBuffer1D<float, Stride1D.Dense> buffer, BufferPool<float> pool)
    : IDevicePlane
{
    private MemoryBuffer1D<float, Stride1D.Dense>? _buffer = buffer;

    public int Width { get; } = width;
    public int Height { get; } = height;

    public ArrayView<float> View =>
        (_buffer ?? throw new ObjectDisposedException(nameof(IlgpuPlane))).View.SubView(0, (long)Width * Height);

    public void Dispose()
    {
        if (_buffer is { } b)
            pool.Return(b);
        _buffer = null;
    }

    public static IlgpuPlane Of(IDevicePlane plane) =>
        plane as IlgpuPlane ?? throw new ArgumentException("plane belongs to another device", nameof(plane));
}
