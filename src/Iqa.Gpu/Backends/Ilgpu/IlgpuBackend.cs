
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using Iqa.Gpu.Images;
using Iqa.Gpu.Kernels;
using Iqa.Gpu.Metrics.Niqe;

namespace Iqa.Gpu.Backends.Ilgpu;

/// <summary>
/// The ILGPU backend (CUDA, OpenCL, or ILGPU's CPU accelerator for checking the kernels without a GPU):
/// runs the kernels of Iqa.Gpu.Kernels on device-resident planes; only per-row partial sums come back.
/// </summary>
public sealed class IlgpuBackend : IComputeBackend
{
    /// <summary><see cref="AggdSums"/> is six doubles, laid out sequentially.</summary>
    private static readonly int AggdSumsDoubles = Unsafe.SizeOf<AggdSums>() / sizeof(double);

    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly BufferPool<float> _floats;
    private readonly BufferPool<double> _doubles;
    private readonly int _groupSize;
    private readonly Dictionary<float[], MemoryBuffer1D<float, Stride1D.Dense>> _windows = new(ReferenceEqualityComparer.Instance);

    private readonly Action<Index2D, ArrayView<float>, ArrayView<float>, ArrayView<float>,
        ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int> _horizontal;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
        ArrayView<float>, ArrayView<float>, ArrayView<double>, ArrayView<double>, int, float, float, float> _verticalRows;
    private readonly Action<Index2D, ArrayView<float>, ArrayView<float>, int, int, int, int> _downsample;
    private readonly Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<double>, int> _squaredErrorRows;
    private readonly Action<Index2D, ArrayView<double>, ArrayView<double>, ArrayView<double>, ArrayView<double>, int, int> _niqeMscn;
    private readonly Action<Index1D, ArrayView<double>, ArrayView<double>, ArrayView<AggdSums>, ArrayView<double>, int, int, int> _niqeBlockSums;
    private readonly MemoryBuffer1D<double, Stride1D.Dense> _niqeWindow;

    /// <summary>Takes ownership of the context and the accelerator.</summary>
    internal IlgpuBackend(string name, Context context, Accelerator accelerator)
    {
        Name = name;
        _context = context;
        _accelerator = accelerator;
        // Largest power of two the device allows, capped: the row reductions halve the group each step.
        _groupSize = Math.Min(SsimKernels.MaxGroupSize, 1 << System.Numerics.BitOperations.Log2((uint)accelerator.MaxNumThreadsPerGroup));
        // Free buffers kept for reuse: a quarter of the device's memory, at most 1 GiB, per element type.
        long poolBytes = Math.Min(1L << 30, accelerator.MemorySize / 4);
        _floats = new BufferPool<float>(accelerator, poolBytes);
        _doubles = new BufferPool<double>(accelerator, poolBytes);
        _horizontal = accelerator.LoadAutoGroupedStreamKernel<Index2D, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>(SsimKernels.HorizontalMoments);
        _verticalRows = accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, ArrayView<double>, ArrayView<double>, int, float, float, float>(SsimKernels.VerticalSsimRows);
        _downsample = accelerator.LoadAutoGroupedStreamKernel<Index2D, ArrayView<float>, ArrayView<float>, int, int, int, int>(
            ImageKernels.BoxDownsample);
        _squaredErrorRows = accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<double>, int>(
            ImageKernels.SquaredErrorRows);
        _niqeMscn = accelerator.LoadAutoGroupedStreamKernel<Index2D, ArrayView<double>, ArrayView<double>, ArrayView<double>,
            ArrayView<double>, int, int>(NiqeKernels.Mscn);
        _niqeBlockSums = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>,
            ArrayView<AggdSums>, ArrayView<double>, int, int, int>(NiqeKernels.BlockSums);
        _niqeWindow = accelerator.Allocate1D(MscnWindow.Window2D);
    }

    public string Name { get; }

    public string DeviceName => _accelerator.Name;

    public IDevicePlane Upload(Plane plane)
    {
        var target = Allocate(plane.Width, plane.Height);
        target.View.CopyFromCPU(plane.Data);
        return target;
    }

    public IDevicePlane BoxDownsample(IDevicePlane source, int factor)
    {
        var src = IlgpuPlane.Of(source);
        int outW = (src.Width + factor - 1) / factor, outH = (src.Height + factor - 1) / factor;
        var dst = Allocate(outW, outH);
        _downsample(new Index2D(outW, outH), src.View, dst.View, src.Width, src.Height, factor, outW);
        return dst;
    }

    public SsimMeans[] SsimScales(IDevicePlane x, IDevicePlane y, SsimParameters p, int scales)
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
        var rows = _doubles.Rent(totalRows);
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
                    var nextA = (IlgpuPlane)BoxDownsample(curA, 2);
                    var nextB = (IlgpuPlane)BoxDownsample(curB, 2);
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
            var host = Download(rows.View, totalRows);
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
            _doubles.Return(rows);
        }
    }

    /// <summary>Queues the two SSIM passes of one plane pair, writing per-row SSIM and CS sums.</summary>
    private void EnqueueSsimRows(IlgpuPlane a, IlgpuPlane b, SsimParameters p, ArrayView<double> ssimRows, ArrayView<double> csRows)
    {
        int outW = a.Width - p.Window.Length + 1;
        var window = WindowBuffer(p.Window).View;
        using var mx = Allocate(outW, a.Height);
        using var my = Allocate(outW, a.Height);
        using var mxx = Allocate(outW, a.Height);
        using var myy = Allocate(outW, a.Height);
        using var mxy = Allocate(outW, a.Height);
        _horizontal(new Index2D(outW, a.Height), a.View, b.View, window,
            mx.View, my.View, mxx.View, myy.View, mxy.View, a.Width, outW);
        _verticalRows(new KernelConfig((int)ssimRows.Length, _groupSize), mx.View, my.View, mxx.View, myy.View, mxy.View,
            window, ssimRows, csRows, outW, p.Offset, p.C1, p.C2);
    }

    public double SumSquaredError(IDevicePlane x, IDevicePlane y)
    {
        var a = IlgpuPlane.Of(x);
        var b = IlgpuPlane.Of(y);
        var rows = _doubles.Rent(a.Height);
        try
        {
            _squaredErrorRows(new KernelConfig(a.Height, _groupSize), a.View, b.View, rows.View, a.Width);
            double total = 0;
            foreach (double s in Download(rows.View, a.Height))
                total += s;
            return total;
        }
        finally
        {
            _doubles.Return(rows);
        }
    }

    /// <summary>
    /// Upload, the MSCN kernel (one work item per pixel), the block-sums kernel (one per block), one read-back of
    /// the sums. Device planes come from the pool by size, so a stream of same-size images allocates once.
    /// </summary>
    public NiqeBlockStatistics NiqeBlockStatistics(double[] image, int width, int height, int blockSize)
    {
        int pixels = width * height, across = width / blockSize, blocks = across * (height / blockSize);
        var source = _doubles.Rent(pixels);
        var mscn = _doubles.Rent(pixels);
        var sigma = _doubles.Rent(pixels);
        // One buffer for both outputs: the sums (six doubles per AggdSums), then one σ sum per block.
        int sumDoubles = blocks * NiqeKernels.Fields * AggdSumsDoubles;
        var output = _doubles.Rent(sumDoubles + blocks);
        try
        {
            source.View.AsContiguous().CopyFromCPU(image.AsSpan(0, pixels));
            _niqeMscn(new Index2D(width, height), source.View, _niqeWindow.View, mscn.View, sigma.View, width, height);
            ArrayView<double> all = output.View;
            var sums = all.SubView(0, sumDoubles).Cast<AggdSums>();
            var sigmaSums = all.SubView(sumDoubles, blocks);
            _niqeBlockSums(blocks, mscn.View, sigma.View, sums, sigmaSums, width, blockSize, across);
            var host = Download(output.View, sumDoubles + blocks);
            return new NiqeBlockStatistics(
                MemoryMarshal.Cast<double, AggdSums>(host.AsSpan(0, sumDoubles)).ToArray(), host[sumDoubles..]);
        }
        finally
        {
            _doubles.Return(source);
            _doubles.Return(mscn);
            _doubles.Return(sigma);
            _doubles.Return(output);
        }
    }

    private IlgpuPlane Allocate(int width, int height) =>
        new(width, height, _floats.Rent((long)width * height), _floats);

    private double[] Download(ArrayView<double> view, int count)
    {
        _accelerator.Synchronize();
        var host = new double[count];
        view.SubView(0, count).CopyToCPU(host);
        return host;
    }

    private MemoryBuffer1D<float, Stride1D.Dense> WindowBuffer(float[] window)
    {
        if (!_windows.TryGetValue(window, out var buffer))
        {
            buffer = _accelerator.Allocate1D(window);
            _windows[window] = buffer;
        }
        return buffer;
    }

    public void Dispose()
    {
        foreach (var w in _windows.Values)
            w.Dispose();
        _niqeWindow.Dispose();
        _floats.Dispose();
        _doubles.Dispose();
        _accelerator.Dispose();
        _context.Dispose();
    }
}
