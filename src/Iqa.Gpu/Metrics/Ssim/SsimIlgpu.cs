using ILGPU;
using ILGPU.Runtime;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Devices.Ilgpu;
using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Metrics.Ssim;

using HorizontalLauncher = Action<AcceleratorStream, Index2D, ArrayView<float>, ArrayView<float>, ArrayView<float>,
    ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>;
using VerticalRowsLauncher = Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>,
    ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<double>, ArrayView<double>, int, float, float, float>;
using DownsampleLauncher = Action<AcceleratorStream, Index2D, ArrayView<float>, ArrayView<float>, int, int, int, int>;

/// <summary>
/// The SSIM family on an ILGPU device: <see cref="SsimKernels"/> and <see cref="DownsampleKernels"/> on device-resident
/// planes; only per-row partial sums come back, for every scale in one read-back.
/// </summary>
internal sealed class SsimIlgpu(IlgpuDevice device) : ISsimOperations
{
    private readonly HorizontalLauncher _horizontal = device.AutoGrouped<HorizontalLauncher>(SsimKernels.HorizontalMoments);
    private readonly VerticalRowsLauncher _verticalRows = device.Grouped<VerticalRowsLauncher>(SsimKernels.VerticalSsimRows);
    private readonly DownsampleLauncher _downsample = device.AutoGrouped<DownsampleLauncher>(DownsampleKernels.BoxDownsample);

    public IDevicePlane BoxDownsample(IDevicePlane source, int factor) => Downsampled(IlgpuPlane.Of(source), factor);

    private IlgpuPlane Downsampled(IlgpuPlane src, int factor)
    {
        int outW = (src.Width + factor - 1) / factor, outH = (src.Height + factor - 1) / factor;
        var dst = device.Allocate(outW, outH);
        _downsample(device.Stream, new Index2D(outW, outH), src.View, dst.View, src.Width, src.Height, factor, outW);
        return dst;
    }

    /// <summary>Every mean, whatever <paramref name="needed"/> says: one kernel computes both maps.</summary>
    public SsimMeans[] Scales(IDevicePlane x, IDevicePlane y, SsimParameters p, int scales, SsimMeansNeeded needed = SsimMeansNeeded.All)
    {
        var a = IlgpuPlane.Of(x);
        var b = IlgpuPlane.Of(y);
        int taps = p.Window.Length;
        var outSizes = new (int W, int H)[scales];
        int w = a.Width, h = a.Height, totalRows = 0;
        for (int s = 0; s < scales; s++, w = (w + 1) / 2, h = (h + 1) / 2)
        {
            outSizes[s] = (w - taps + 1, h - taps + 1);
            totalRows += 2 * outSizes[s].H;
        }
        // All scales are reduced into one buffer on the device and read back once.
        var rows = device.Doubles.Rent(totalRows);
        try
        {
            IlgpuPlane curA = a, curB = b;
            for (int s = 0, at = 0; s < scales; s++)
            {
                int outH = outSizes[s].H;
                EnqueueSsimRows(curA, curB, p, rows.View.SubView(at, outH), rows.View.SubView(at + outH, outH));
                at += 2 * outH;
                if (s + 1 < scales)
                {
                    var nextA = Downsampled(curA, 2);
                    var nextB = Downsampled(curB, 2);
                    // Kernels run in order on one stream, so a buffer returned here is only reused by later launches.
                    if (s > 0)
                    {
                        curA.Dispose();
                        curB.Dispose();
                    }
                    (curA, curB) = (nextA, nextB);
                }
            }
            if (scales > 1)
            {
                curA.Dispose();
                curB.Dispose();
            }
            var host = device.Download(rows.View, totalRows);
            var means = new SsimMeans[scales];
            for (int s = 0, at = 0; s < scales; s++)
            {
                var (outW, outH) = outSizes[s];
                double ssim = 0, cs = 0;
                for (int r = 0; r < outH; r++)
                {
                    ssim += host[at + r];
                    cs += host[at + outH + r];
                }
                at += 2 * outH;
                double n = (double)outW * outH;
                means[s] = new SsimMeans(ssim / n, cs / n);
            }
            return means;
        }
        finally
        {
            device.Doubles.Return(rows);
        }
    }

    /// <summary>Queues the two SSIM passes of one plane pair, writing per-row SSIM and CS sums.</summary>
    private void EnqueueSsimRows(IlgpuPlane a, IlgpuPlane b, SsimParameters p, ArrayView<double> ssimRows, ArrayView<double> csRows)
    {
        int outW = a.Width - p.Window.Length + 1;
        var window = device.Constant(p.Window);
        using var mx = device.Allocate(outW, a.Height);
        using var my = device.Allocate(outW, a.Height);
        using var mxx = device.Allocate(outW, a.Height);
        using var myy = device.Allocate(outW, a.Height);
        using var mxy = device.Allocate(outW, a.Height);
        _horizontal(device.Stream, new Index2D(outW, a.Height), a.View, b.View, window,
            mx.View, my.View, mxx.View, myy.View, mxy.View, a.Width, outW);
        _verticalRows(device.Stream, new KernelConfig((int)ssimRows.Length, device.GroupSize), mx.View, my.View, mxx.View, myy.View, mxy.View,
            window, ssimRows, csRows, outW, p.Offset, p.C1, p.C2);
    }
}
