using System.Buffers;
using Iqa.Gpu.Images;

namespace Iqa.Gpu.Devices;

/// <summary>
/// A plane in host memory: the <c>cpu</c> device computes on the caller's array directly, or on an input's samples
/// converted a row at a time as its families read them (<see cref="Rows"/>), so that no float copy of the input exists.
/// Planes the families make for themselves (downsampled scales) are rented from the shared array pool and returned when
/// disposed, so a stream of frames reuses the same memory instead of touching fresh pages for every frame.
/// </summary>
public sealed class CpuPlane : IDevicePlane
{
    private float[]? _data;
    private bool _rented;

    public CpuPlane(int width, int height, float[] data)
    {
        Width = width;
        Height = height;
        _data = data;
    }

    public CpuPlane(Plane plane) : this(plane.Width, plane.Height, plane.Data) { }

    /// <summary>A plane read from <paramref name="rows"/> as it is used, and stored only if <see cref="Data"/> is asked for.</summary>
    public CpuPlane(PlaneRows rows)
    {
        Width = rows.Width;
        Height = rows.Height;
        Rows = rows;
    }

    /// <summary>A plane whose values the caller writes, in an array from the shared pool (returned by <see cref="Dispose"/>).</summary>
    public static CpuPlane Rent(int width, int height) =>
        new(width, height, ArrayPool<float>.Shared.Rent(checked(width * height))) { _rented = true };

    public int Width { get; }
    public int Height { get; }

    /// <summary>Where the values come from when they are not stored, else null.</summary>
    public PlaneRows? Rows { get; }

    /// <summary>
    /// The plane stored whole, row-major from index 0 (a rented array may be longer than <see cref="Width"/> x
    /// <see cref="Height"/>); converted from <see cref="Rows"/> on first use, though the families read rows instead.
    /// </summary>
    public float[] Data => _data ??= Rows?.ToPlane().Data ?? throw new ObjectDisposedException(nameof(CpuPlane));

    /// <summary>Writes row <paramref name="y"/> into the first <see cref="Width"/> floats of <paramref name="destination"/>.</summary>
    public void Read(int y, Span<float> destination)
    {
        if (_data is { } data)
            data.AsSpan(y * Width, Width).CopyTo(destination);
        else
            Rows!.Read(y, destination);
    }

    /// <summary>Says row <paramref name="y"/> will be read soon (<see cref="PlaneRows.Prefetch"/>); nothing for a stored plane.</summary>
    public void Prefetch(int y) => Rows?.Prefetch(y);

    /// <summary>The integer samples behind the plane, when it has them (<see cref="PlaneRows.SampleBits"/>), else null.</summary>
    public PlaneRows? Samples => Rows is { SampleBits: > 0 } rows ? rows : null;

    public void Dispose()
    {
        if (_rented && _data is not null)
            ArrayPool<float>.Shared.Return(_data);
        if (_rented)
            _data = null;
        Rows?.Dispose();
    }

    public static CpuPlane Of(IDevicePlane plane) =>
        plane as CpuPlane ?? throw new ArgumentException("plane belongs to another device", nameof(plane));
}
