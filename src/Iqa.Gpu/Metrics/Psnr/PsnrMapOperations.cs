using Iqa.Gpu.Devices;

namespace Iqa.Gpu.Metrics.Psnr;

/// <summary>PSNR's quality map on a device: <see cref="PsnrMapCpu"/> on the CPU, <see cref="PsnrMapIlgpu"/> on ILGPU devices.</summary>
public interface IPsnrMapOperations
{
    /// <summary>(x − y)² per pixel, the difference and square in double rounded to float once, resident on the device.</summary>
    IDevicePlane SquaredError(IDevicePlane x, IDevicePlane y);

    /// <summary>The implementation for <paramref name="device"/>, made (kernels compiled) on first use.</summary>
    static IPsnrMapOperations On(IComputeDevice device) =>
        device.Implementation<IPsnrMapOperations>(_ => new PsnrMapCpu(), d => new PsnrMapIlgpu(d));
}
