using ILGPU;
using ILGPU.Runtime;

namespace Iqa.Gpu.Backends.Ilgpu;

/// <summary>
/// Device buffers kept for reuse by exact length: scoring a stream of same-size frames allocates once.
/// Not thread-safe; one backend instance serves one scoring thread.
/// </summary>
internal sealed class BufferPool<T>(Accelerator accelerator) : IDisposable where T : unmanaged
{
    private readonly Dictionary<long, Stack<MemoryBuffer1D<T, Stride1D.Dense>>> _free = new();

    public MemoryBuffer1D<T, Stride1D.Dense> Rent(long length)
    {
        if (_free.TryGetValue(length, out var stack) && stack.Count > 0)
            return stack.Pop();
        return accelerator.Allocate1D<T>(length);
    }

    public void Return(MemoryBuffer1D<T, Stride1D.Dense> buffer)
    {
        if (!_free.TryGetValue(buffer.Length, out var stack))
            _free[buffer.Length] = stack = new Stack<MemoryBuffer1D<T, Stride1D.Dense>>();
        stack.Push(buffer);
    }

    public void Dispose()
    {
        foreach (var stack in _free.Values)
            foreach (var buffer in stack)
                buffer.Dispose();
        _free.Clear();
    }
}
