using ILGPU;
using ILGPU.Runtime;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Devices.Ilgpu;
using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Metrics.Psnr;

using SquaredErrorLauncher = Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>>;

/// <summary>The squared-error map on an ILGPU device (<see cref="PsnrMapKernels.SquaredError"/>); it stays on the device.</summary>
internal sealed class PsnrMapIlgpu(IlgpuDevice device) : IPsnrMapOperations
{
    private readonly SquaredErrorLauncher _squaredError = device.AutoGrouped<SquaredErrorLauncher>(PsnrMapKernels.SquaredError);

    public IDevicePlane SquaredError(IDevicePlane x, IDevicePlane y)
    {
        IlgpuPlane a = IlgpuPlane.Of(x), b = IlgpuPlane.Of(y);
        var map = device.Allocate(a.Width, a.Height);
        _squaredError(device.Stream, (int)((long)a.Width * a.Height), a.View, b.View, map.View);
        return map;
    }
}
