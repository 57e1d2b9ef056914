using ILGPU;
using ILGPU.Runtime;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Devices.Ilgpu;
using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Metrics.Psnr;

using SquaredErrorRowsLauncher = Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<double>, int>;

/// <summary>PSNR's squared error on an ILGPU device: <see cref="PsnrKernels.SquaredErrorRows"/>, one read-back of the row sums.</summary>
internal sealed class PsnrIlgpu(IlgpuDevice device) : IPsnrOperations
{
    private readonly SquaredErrorRowsLauncher _rows = device.Grouped<SquaredErrorRowsLauncher>(PsnrKernels.SquaredErrorRows);

    public double SumSquaredError(IDevicePlane x, IDevicePlane y)
    {
        var a = IlgpuPlane.Of(x);
        var b = IlgpuPlane.Of(y);
        var rows = device.Doubles.Rent(a.Height);
        try
        {
            _rows(device.Stream, new KernelConfig(a.Height, device.GroupSize), a.View, b.View, rows.View, a.Width);
            double total = 0;
            foreach (double s in device.Download(rows.View, a.Height))
                total += s;
            return total;
        }
        finally
        {
            device.Doubles.Return(rows);
        }
    }
}
