using Iqa.Gpu.Images;

namespace Iqa.Gpu.Devices;

/// <summary>A plane in host memory: the <c>cpu</c> device computes on the caller's array directly.</summary>
public sealed class CpuPlane(int width, int height, float[] data) : IDevicePlane
{
    public CpuPlane(Plane plane) : this(plane.Width, plane.Height, plane.Data) { }

    public int Width { get; } = width;
    public int Height { get; } = height;
    public float[] Data { get; } = data;

    public void Dispose() { }

    public static CpuPlane Of(IDevicePlane plane) =>
        plane as CpuPlane ?? throw new ArgumentException("plane belongs to another device", nameof(plane));
}
