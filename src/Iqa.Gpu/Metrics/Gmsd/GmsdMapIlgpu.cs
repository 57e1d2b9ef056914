using ILGPU;
using ILGPU.Runtime;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Devices.Ilgpu;
using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Metrics.Gmsd;

using AverageLauncher = Action<AcceleratorStream, Index2D, ArrayView<float>, ArrayView<float>, int, int, int>;
using DeviationLauncher = Action<AcceleratorStream, Index2D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, float>;

/// <summary>The deviation map on an ILGPU device: the kernels of <see cref="GmsdIlgpu"/> (the same cached launchers), the map kept on the device.</summary>
internal sealed class GmsdMapIlgpu(IlgpuDevice device) : IGmsdMapOperations
{
    private readonly AverageLauncher _average = device.AutoGrouped<AverageLauncher>(GmsdKernels.AverageDownsample);
    private readonly DeviationLauncher _deviation = device.AutoGrouped<DeviationLauncher>(GmsdKernels.Deviation);

    public IDevicePlane DeviationMap(IDevicePlane reference, IDevicePlane distorted)
    {
        IlgpuPlane a = IlgpuPlane.Of(reference), b = IlgpuPlane.Of(distorted);
        int w = (a.Width + 1) / 2, h = (a.Height + 1) / 2;
        var size = new Index2D(w, h);
        using var ya = device.Allocate(w, h);
        using var yb = device.Allocate(w, h);
        var map = device.Allocate(w, h);
        _average(device.Stream, size, a.View, ya.View, a.Width, a.Height, w);
        _average(device.Stream, size, b.View, yb.View, b.Width, b.Height, w);
        _deviation(device.Stream, size, ya.View, yb.View, map.View, w, h, GmsdMath.T);
        return map;
    }
}
