using ILGPU;
using ILGPU.Runtime;

namespace Iqa.Gpu.Devices.Ilgpu;

/// <summary>
/// A buffer of device memory a family allocates for itself (not from the pools), counted in the device's
/// <see cref="IlgpuDevice.Memory"/> while it lives, so peak-memory figures include it.
/// </summary>
public sealed class DeviceBuffer<T> : IDisposable where T : unmanaged
{
    private readonly MemoryBuffer1D<T, Stride1D.Dense> _buffer;
    private readonly DeviceMemoryUsage _memory;
    private bool _disposed;

    internal DeviceBuffer(MemoryBuffer1D<T, Stride1D.Dense> buffer, DeviceMemoryUsage memory)
    {
        _buffer = buffer;
        _memory = memory;
        memory.Allocated(buffer.LengthInBytes);
    }

    public ArrayView1D<T, Stride1D.Dense> View => _buffer.View;

    public long Length => _buffer.Length;

    /// <summary>The device address (a CUDA device pointer on CUDA).</summary>
    public IntPtr NativePtr => _buffer.NativePtr;

    public void MemSetToZero() => _buffer.MemSetToZero();

    public T[] GetAsArray1D() => _buffer.GetAsArray1D();

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _memory.Released(_buffer.LengthInBytes);
        _buffer.Dispose();
    }
}
