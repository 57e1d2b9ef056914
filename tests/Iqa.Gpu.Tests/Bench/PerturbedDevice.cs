using Iqa.Gpu.Devices;
using Iqa.Gpu.Devices.Ilgpu;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics.Psnr;

namespace Iqa.Gpu.Tests.Bench;

/// <summary>
/// A cpu device whose PSNR is off: the squared error is scaled by 1 + <paramref name="relative"/> (PSNR lower by
/// 10 log10(1 + relative) dB), or, when <paramref name="drifting"/>, by 1 + relative x (calls so far), so no two
/// computations agree. Every other family is the cpu device's.
/// </summary>
internal sealed class PerturbedDevice(double relative, bool drifting = false) : IComputeDevice, IPsnrOperations
{
    public const string Label = "perturbed";

    private readonly CpuDevice _inner = new();
    private int _calls;

    public string Name => Label;
    public string Description => "cpu with a perturbed PSNR";
    public IDevicePlane Upload(Plane plane) => _inner.Upload(plane);
    public Plane Download(IDevicePlane plane) => _inner.Download(plane);

    public T Implementation<T>(Func<CpuDevice, T> cpu, Func<IlgpuDevice, T> ilgpu) where T : class =>
        this is T self ? self : _inner.Implementation(cpu, ilgpu);

    public double SumSquaredError(IDevicePlane x, IDevicePlane y) =>
        IPsnrOperations.On(_inner).SumSquaredError(x, y) * (1 + relative * (drifting ? ++_calls : 1));

    public void Dispose() => _inner.Dispose();

    /// <summary>Devices by name for the bench: this one as <see cref="Label"/>, the real ones otherwise.</summary>
    public static Func<string, IComputeDevice> Factory(double relative, bool drifting = false) =>
        name => name == Label ? new PerturbedDevice(relative, drifting) : DeviceFactory.Create(name);
}
