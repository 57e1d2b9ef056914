using Iqa.Gpu.Devices;

namespace Iqa.Gpu.Metrics.Gmsd;

/// <summary>GMSD's quality map on a device: <see cref="GmsdMapCpu"/> on the CPU, <see cref="GmsdMapIlgpu"/> on ILGPU devices.</summary>
public interface IGmsdMapOperations
{
    /// <summary>
    /// The deviation map <c>1 − GMS</c> of GMSD.m (ceil(H/2) x ceil(W/2), on the averaged and downsampled planes), the one
    /// whose standard deviation <see cref="IGmsdOperations.Compute"/> returns; resident on the device.
    /// </summary>
    IDevicePlane DeviationMap(IDevicePlane reference, IDevicePlane distorted);

    /// <summary>The implementation for <paramref name="device"/>, made (kernels compiled) on first use.</summary>
    static IGmsdMapOperations On(IComputeDevice device) =>
        device.Implementation<IGmsdMapOperations>(_ => new GmsdMapCpu(), d => new GmsdMapIlgpu(d));
}
