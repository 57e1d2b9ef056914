using Iqa.Gpu.Devices;

namespace Iqa.Gpu.Metrics.Psnr;

/// <summary>What PSNR computes on a device: <see cref="PsnrCpu"/> on the CPU, <see cref="PsnrIlgpu"/> on ILGPU devices.</summary>
public interface IPsnrOperations
{
    /// <summary>Sum over all pixels of (x - y)^2, in double: per-row sums added in row order (deterministic).</summary>
    double SumSquaredError(IDevicePlane x, IDevicePlane y);

    /// <summary>The implementation for <paramref name="device"/>, made (kernels compiled) on first use.</summary>
    static IPsnrOperations On(IComputeDevice device) =>
        device.Implementation<IPsnrOperations>(_ => new PsnrCpu(), d => new PsnrIlgpu(d));
}
