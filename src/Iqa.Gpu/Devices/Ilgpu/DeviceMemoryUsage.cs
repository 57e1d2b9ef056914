namespace Iqa.Gpu.Devices.Ilgpu;

/// <summary>
/// The bytes of device memory an <see cref="IlgpuDevice"/> holds through its own allocations (pooled buffers, in use
/// or kept free, and constants), and the most it held at once since the device was made.
/// ILGPU's own allocations (kernel code, the runtime's context) are not counted.
/// </summary>
public sealed class DeviceMemoryUsage
{
    private long _current;
    private long _peak;

    public long CurrentBytes => Interlocked.Read(ref _current);

    public long PeakBytes => Interlocked.Read(ref _peak);

    internal void Allocated(long bytes)
    {
        long now = Interlocked.Add(ref _current, bytes);
        for (long peak = PeakBytes; now > peak; peak = PeakBytes)
            if (Interlocked.CompareExchange(ref _peak, now, peak) == peak)
                break;
    }

    internal void Released(long bytes) => Interlocked.Add(ref _current, -bytes);
}
