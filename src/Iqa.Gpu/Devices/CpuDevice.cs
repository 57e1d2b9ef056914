using System.Collections.Concurrent;

using System.Runtime.Intrinsics.X86;
using Iqa.Gpu.Devices.Ilgpu;
using Iqa.Gpu.Images;

namespace Iqa.Gpu.Devices;

/// <summary>The production CPU device: host memory, and the families' vectorized C# (System.Numerics.Vector, FMA, Parallel.For).</summary>
public sealed class CpuDevice : IComputeDevice
{
    private readonly ConcurrentDictionary<Type, object> _implementations = new();

    public string Name => "cpu";

    public string Description => DescribeHost();

    /// <summary>e.g. <c>cpu (2 cores, AVX2, 8-lane float vectors)</c>.</summary>
    public static string DescribeHost()
    {
        string isa = Avx512F.IsSupported ? "AVX-512" : Avx2.IsSupported ? "AVX2" : Avx.IsSupported ? "AVX"
            : System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported ? "NEON" : "no SIMD";
        return $"cpu ({Environment.ProcessorCount} cores, {isa}, {System.Numerics.Vector<float>.Count}-lane float vectors)";
    }

    public IDevicePlane Upload(Plane plane) => new CpuPlane(plane);

    public Plane Download(IDevicePlane plane)
    {
        var p = CpuPlane.Of(plane);
        return new Plane(p.Width, p.Height, p.Data.AsSpan(0, p.Width * p.Height).ToArray());
    }

    public T Implementation<T>(Func<CpuDevice, T> cpu, Func<IlgpuDevice, T> ilgpu) where T : class =>
        (T)_implementations.GetOrAdd(typeof(T), _ => cpu(this));

    public void Dispose()
    {
        foreach (var implementation in _implementations.Values)
            (implementation as IDisposable)?.Dispose();
        _implementations.Clear();
    }
}
