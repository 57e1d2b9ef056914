using Iqa.Gpu.Devices;

namespace Iqa.Gpu.Metrics.Ssim;

/// <summary>The SSIM and contrast-structure maps of one plane pair, resident on the device that made them.</summary>
public sealed record SsimMapPlanes(IDevicePlane Ssim, IDevicePlane ContrastStructure) : IDisposable
{
    public void Dispose()
    {
        Ssim.Dispose();
        ContrastStructure.Dispose();
    }
}

/// <summary>
/// The SSIM family's quality maps on a device: <see cref="SsimCpu"/>'s scoring pass on the CPU, <see cref="SsimMapIlgpu"/> on ILGPU
/// devices. The planes' downsampling (automatic, or between MS-SSIM scales) is <see cref="ISsimOperations.BoxDownsample"/>.
/// </summary>
public interface ISsimMapOperations
{
    /// <summary>
    /// ssim_index.m's <c>ssim_map</c> and its contrast-structure counterpart over the 'valid' region of one plane pair:
    /// (W − taps + 1) x (H − taps + 1) values, the ones whose means <see cref="ISsimOperations.Scales"/> returns.
    /// </summary>
    SsimMapPlanes Maps(IDevicePlane x, IDevicePlane y, SsimParameters parameters);

    /// <summary>The implementation for <paramref name="device"/>, made (kernels compiled) on first use.</summary>
    static ISsimMapOperations On(IComputeDevice device) =>
        device.Implementation<ISsimMapOperations>(_ => (SsimCpu)ISsimOperations.On(device), d => new SsimMapIlgpu(d));
}
