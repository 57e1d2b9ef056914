using ILGPU;
using ILGPU.Runtime;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Devices.Ilgpu;
using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Metrics.Gmsd;

using AverageLauncher = Action<AcceleratorStream, Index2D, ArrayView<float>, ArrayView<float>, int, int, int>;
using DeviationLauncher = Action<AcceleratorStream, Index2D, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, float>;
using RowSumsLauncher = Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<double>, int>;
using RowDeviationsLauncher = Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<double>, int, double>;

/// <summary>
/// GMSD on an ILGPU device: <see cref="GmsdKernels"/> on device-resident planes, the deviation map reduced per row by
/// <see cref="MapKernels"/> in two passes; two read-backs of one double per map row.
/// </summary>
internal sealed class GmsdIlgpu(IlgpuDevice device) : IGmsdOperations
{
    private readonly AverageLauncher _average = device.AutoGrouped<AverageLauncher>(GmsdKernels.AverageDownsample);
    private readonly DeviationLauncher _deviation = device.AutoGrouped<DeviationLauncher>(GmsdKernels.Deviation);
    private readonly RowSumsLauncher _rowSums = device.Grouped<RowSumsLauncher>(MapKernels.RowSums);
    private readonly RowDeviationsLauncher _rowDeviations = device.Grouped<RowDeviationsLauncher>(MapKernels.RowSquaredDeviations);

    public GmsdStatistics Compute(IDevicePlane reference, IDevicePlane distorted)
    {
        IlgpuPlane a = IlgpuPlane.Of(reference), b = IlgpuPlane.Of(distorted);
        int w = (a.Width + 1) / 2, h = (a.Height + 1) / 2;
        var size = new Index2D(w, h);
        using var ya = device.Allocate(w, h);
        using var yb = device.Allocate(w, h);
        using var map = device.Allocate(w, h);
        var rows = device.Doubles.Rent(h);
        try
        {
            _average(device.Stream, size, a.View, ya.View, a.Width, a.Height, w);
            _average(device.Stream, size, b.View, yb.View, b.Width, b.Height, w);
            _deviation(device.Stream, size, ya.View, yb.View, map.View, w, h, GmsdMath.T);
            var rowsView = rows.View.SubView(0, h);
            var config = new KernelConfig(h, device.GroupSize);
            _rowSums(device.Stream, config, map.View, rowsView, w);
            double sum = device.Download(rowsView, h).Sum();
            _rowDeviations(device.Stream, config, map.View, rowsView, w, sum / ((double)w * h));
            return IGmsdOperations.Summarize(w, h, sum, device.Download(rowsView, h).Sum());
        }
        finally
        {
            device.Doubles.Return(rows);
        }
    }
}
