using ILGPU;
using ILGPU.Runtime;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Devices.Ilgpu;
using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Metrics.Ssim;

using HorizontalLauncher = Action<AcceleratorStream, Index2D, ArrayView<float>, ArrayView<float>, ArrayView<float>,
    ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>;
using VerticalMapLauncher = Action<AcceleratorStream, Index2D, ArrayView<float>, ArrayView<float>, ArrayView<float>,
    ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, float, float, float>;

/// <summary>
/// The SSIM maps on an ILGPU device: <see cref="SsimKernels.HorizontalMoments"/> (the launcher the score uses, from the
/// device's kernel cache) then <see cref="SsimMapKernels.VerticalSsimMap"/>; the maps stay on the device.
/// </summary>
internal sealed class SsimMapIlgpu(IlgpuDevice device) : ISsimMapOperations
{
    private readonly HorizontalLauncher _horizontal = device.AutoGrouped<HorizontalLauncher>(SsimKernels.HorizontalMoments);
    private readonly VerticalMapLauncher _vertical = device.AutoGrouped<VerticalMapLauncher>(SsimMapKernels.VerticalSsimMap);

    public SsimMapPlanes Maps(IDevicePlane x, IDevicePlane y, SsimParameters p)
    {
        IlgpuPlane a = IlgpuPlane.Of(x), b = IlgpuPlane.Of(y);
        int taps = p.Window.Length, outW = a.Width - taps + 1, outH = a.Height - taps + 1;
        var window = device.Constant(p.Window);
        using var mx = device.Allocate(outW, a.Height);
        using var my = device.Allocate(outW, a.Height);
        using var mxx = device.Allocate(outW, a.Height);
        using var myy = device.Allocate(outW, a.Height);
        using var mxy = device.Allocate(outW, a.Height);
        var ssim = device.Allocate(outW, outH);
        var cs = device.Allocate(outW, outH);
        _horizontal(device.Stream, new Index2D(outW, a.Height), a.View, b.View, window,
            mx.View, my.View, mxx.View, myy.View, mxy.View, a.Width, outW);
        _vertical(device.Stream, new Index2D(outW, outH), mx.View, my.View, mxx.View, myy.View, mxy.View,
            window, ssim.View, cs.View, outW, p.Offset, p.C1, p.C2);
        return new SsimMapPlanes(ssim, cs);
    }
}
