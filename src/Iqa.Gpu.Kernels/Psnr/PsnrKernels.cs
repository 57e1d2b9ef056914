using ILGPU;

namespace Iqa.Gpu.Kernels;

/// <summary>The squared error of PSNR, reduced per row in double.</summary>
public static class PsnrKernels
{
    /// <summary>
    /// Sum of squared differences of one row, in double, one group per row (fixed reduction order, <see cref="GroupSum"/>).
    /// Launch with a power-of-two group size up to <see cref="GroupSum.MaxGroupSize"/>.
    /// </summary>
    public static void SquaredErrorRows(ArrayView<float> x, ArrayView<float> y, ArrayView<double> rows, int w)
    {
        var shared = SharedMemory.Allocate<double>(GroupSum.MaxGroupSize);
        int row = Grid.IdxX;
        double sum = 0;
        for (int col = Group.IdxX; col < w; col += Group.DimX)
        {
            double d = (double)x[row * w + col] - y[row * w + col];
            sum += d * d;
        }
        sum = GroupSum.Reduce(shared, sum);
        if (Group.IdxX == 0)
            rows[row] = sum;
    }
}
