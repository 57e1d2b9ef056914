using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Video;

namespace Iqa.Gpu.Images;

/// <summary>
/// One plane of <see cref="ISampleSource.ToPlanes"/> read a row at a time instead of stored whole: the <c>cpu</c> device
/// computes on rows as they are converted, band by band in cache, so an input costs its metrics no float plane. A row
/// read here is the same, bit for bit, as that row of the stored plane. Where the plane's values are integer samples
/// normalized as <c>(float)(s * Scale + Offset)</c> (a video plane, a channel of an image, gray or luma rounded from
/// RGB), the samples themselves can be read too, for exact integer arithmetic (box sums, squared errors).
/// Disposing returns what the rows hold for themselves (converted samples) to the shared array pool.
/// </summary>
public abstract class PlaneRows(int width, int height, int sampleBits, double scale, double offset) : IDisposable
{
    public int Width { get; } = width;
    public int Height { get; } = height;

    /// <summary>8 for bytes (<see cref="Bytes"/>), 9 to 16 for words (<see cref="Words"/>), 0 when the values exist only as floats.</summary>
    public int SampleBits { get; } = sampleBits;

    public double Scale { get; } = scale;
    public double Offset { get; } = offset;

    /// <summary>Row <paramref name="y"/> normalized into the first <see cref="Width"/> floats of <paramref name="destination"/>.</summary>
    public abstract void Read(int y, Span<float> destination);

    /// <summary>Row <paramref name="y"/> of 8-bit samples: a view of the source, or copied into <paramref name="buffer"/>.</summary>
    public virtual ReadOnlySpan<byte> Bytes(int y, Span<byte> buffer) => throw new InvalidOperationException("this plane has no 8-bit samples");

    /// <summary>Row <paramref name="y"/> of 9- to 16-bit samples: a view of the source, or copied into <paramref name="buffer"/>.</summary>
    public virtual ReadOnlySpan<ushort> Words(int y, Span<ushort> buffer) => throw new InvalidOperationException("this plane has no 16-bit samples");

    /// <summary>
    /// Says row <paramref name="y"/> (if inside the plane) will be read soon: its samples are fetched into the cache
    /// meanwhile. A video frame copied in from a file is in memory, not in cache, when its rows are converted; fetched a
    /// few rows ahead, the conversion no longer waits for it (measured: the conversion's share of a 1080p SSIM video run
    /// fell from 12% to 5%).
    /// </summary>
    public virtual void Prefetch(int y)
    {
    }

    /// <summary>The plane stored whole, as <see cref="ISampleSource.ToPlanes"/> returns it (rows converted in parallel bands).</summary>
    public Plane ToPlane()
    {
        var plane = new Plane(Width, Height);
        int bands = CpuParallel.Parts(Height, 4);
        CpuParallel.For(bands, band =>
        {
            int y0 = CpuParallel.Start(band, bands, Height), y1 = CpuParallel.Start(band + 1, bands, Height);
            for (int y = y0; y < y1; y++)
                Read(y, plane.Row(y));
        });
        return plane;
    }

    public virtual void Dispose() => GC.SuppressFinalize(this);
}

/// <summary>
/// Integer samples held in an array: a plane (<paramref name="pixelStride"/> 1) or one channel of interleaved pixels,
/// rows <paramref name="rowStride"/> samples apart. With <paramref name="rented"/> the array came from the shared pool
/// for these rows alone and goes back there on disposal.
/// </summary>
internal sealed class SampleRows<T>(T[] samples, int width, int height, int pixelStride, int channel, int rowStride, int bits,
    double scale, double offset, bool rented = false) : PlaneRows(width, height, bits, scale, offset)
    where T : unmanaged, IBinaryInteger<T>
{
    private T[] _samples = samples;

    public override void Dispose()
    {
        if (rented && _samples.Length > 0)
            ArrayPool<T>.Shared.Return(_samples);
        _samples = [];
        base.Dispose();
    }

    public override ReadOnlySpan<byte> Bytes(int y, Span<byte> buffer) =>
        typeof(T) == typeof(byte) ? MemoryMarshal.Cast<T, byte>(Row(y, MemoryMarshal.Cast<byte, T>(buffer))) : base.Bytes(y, buffer);

    public override ReadOnlySpan<ushort> Words(int y, Span<ushort> buffer) =>
        typeof(T) == typeof(ushort) ? MemoryMarshal.Cast<T, ushort>(Row(y, MemoryMarshal.Cast<ushort, T>(buffer))) : base.Words(y, buffer);

    public override unsafe void Prefetch(int y)
    {
        if (!Sse.IsSupported || (uint)y >= (uint)Height)
            return;
        int start = y * rowStride, bytes = ((Width - 1) * pixelStride + 1) * sizeof(T);
        fixed (T* row = &_samples[start])
            for (int b = 0; b < bytes; b += CacheLine)
                Sse.Prefetch0((byte*)row + b);
    }

    private const int CacheLine = 64;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Read(int y, Span<float> destination)
    {
        T[]? rented = pixelStride == 1 ? null : ArrayPool<T>.Shared.Rent(Width);
        try
        {
            var row = Row(y, rented);
            if (typeof(T) == typeof(byte))
                SampleConversion.Normalize(MemoryMarshal.Cast<T, byte>(row), destination[..Width], Scale, Offset);
            else
                SampleConversion.Normalize(MemoryMarshal.Cast<T, ushort>(row), destination[..Width], Scale, Offset);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<T>.Shared.Return(rented);
        }
    }

    /// <summary>The row's samples: the array itself for a plane, the channel picked out into <paramref name="buffer"/> otherwise.</summary>
    private ReadOnlySpan<T> Row(int y, Span<T> buffer)
    {
        int start = y * rowStride + channel;
        if (pixelStride == 1)
            return _samples.AsSpan(start, Width);
        var row = buffer[..Width];
        ref T source = ref _samples[start];
        for (int x = 0; x < row.Length; x++)
            row[x] = Unsafe.Add(ref source, x * pixelStride);
        return row;
    }
}
