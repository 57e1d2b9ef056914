using ILGPU;

namespace Iqa.Gpu.Kernels;

/// <summary>
/// Reductions of a float map (one value per pixel, row-major, width <c>w</c>) into per-row sums in double, one group per
/// row in a fixed order (<see cref="GroupSum"/>). Launch with a power-of-two group size up to
/// <see cref="GroupSum.MaxGroupSize"/> and one group per row; the host adds the rows in order.
/// </summary>
public static class MapKernels
{
    /// <summary>Σ map over each row.</summary>
    public static void RowSums(ArrayView<float> map, ArrayView<double> rows, int w)
    {
        var shared = SharedMemory.Allocate<double>(GroupSum.MaxGroupSize);
        int row = Grid.IdxX;
        double sum = 0;
        for (int col = Group.IdxX; col < w; col += Group.DimX)
            sum += map[row * w + col];
        sum = GroupSum.Reduce(shared, sum);
        if (Group.IdxX == 0)
            rows[row] = sum;
    }

    /// <summary>Σ (map − mean)² over each row: the second pass of a two-pass variance.</summary>
    public static void RowSquaredDeviations(ArrayView<float> map, ArrayView<double> rows, int w, double mean)
    {
        var shared = SharedMemory.Allocate<double>(GroupSum.MaxGroupSize);
        int row = Grid.IdxX;
        double sum = 0;
        for (int col = Group.IdxX; col < w; col += Group.DimX)
        {
            double d = map[row * w + col] - mean;
            sum += d * d;
        }
        sum = GroupSum.Reduce(shared, sum);
        if (Group.IdxX == 0)
            rows[row] = sum;
    }
}
