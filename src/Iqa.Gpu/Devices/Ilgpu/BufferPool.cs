using ILGPU;
using ILGPU.Runtime;

namespace Iqa.Gpu.Devices.Ilgpu;

/// <summary>
/// Device buffers kept for reuse by exact length: scoring a stream of same-size frames allocates once.
/// The free buffers are bounded by <paramref name="capacityBytes"/>: when a returned buffer would exceed it, the
/// least recently returned sizes are released first, so a batch of many different sizes does not fill the device.
/// Not thread-safe; one device serves one scoring thread.
/// </summary>
public sealed class BufferPool<T>(Accelerator accelerator, long capacityBytes) : IDisposable where T : unmanaged
{
    private readonly Dictionary<long, Stack<MemoryBuffer1D<T, Stride1D.Dense>>> _free = new();
    private readonly LinkedList<long> _recent = new(); // lengths, most recently returned last
    private long _freeBytes;

    public MemoryBuffer1D<T, Stride1D.Dense> Rent(long length)
    {
        if (_free.TryGetValue(length, out var stack) && stack.Count > 0)
        {
            var buffer = stack.Pop();
            _freeBytes -= buffer.LengthInBytes;
            return buffer;
        }
        return accelerator.Allocate1D<T>(length);
    }

    public void Return(MemoryBuffer1D<T, Stride1D.Dense> buffer)
    {
        if (!_free.TryGetValue(buffer.Length, out var stack))
            _free[buffer.Length] = stack = new Stack<MemoryBuffer1D<T, Stride1D.Dense>>();
        stack.Push(buffer);
        _freeBytes += buffer.LengthInBytes;
        _recent.Remove(buffer.Length);
        _recent.AddLast(buffer.Length);
        while (_freeBytes > capacityBytes && _recent.First is { } oldest)
        {
            foreach (var b in _free[oldest.Value])
            {
                _freeBytes -= b.LengthInBytes;
                b.Dispose();
            }
            _free.Remove(oldest.Value);
            _recent.RemoveFirst();
        }
    }

    public void Dispose()
    {
        foreach (var stack in _free.Values)
            foreach (var buffer in stack)
                buffer.Dispose();
        _free.Clear();
        _recent.Clear();
        _freeBytes = 0;
    }
}
