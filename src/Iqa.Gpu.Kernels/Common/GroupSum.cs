using ILGPU;

namespace Iqa.Gpu.Kernels;

/// <summary>
/// The fixed-order sum of one value per thread of a group, for the row-reduction kernels: a halving tree over
/// shared memory, so the result depends on the group size only, never on scheduling (no atomics).
/// </summary>
public static class GroupSum
{
    /// <summary>
    /// Largest group of the row-reduction kernels (a power of two). Launch them with a power-of-two group size up to
    /// this (ILGPU's CPU accelerator allows 16), one group per row.
    /// </summary>
    public const int MaxGroupSize = 256;

    /// <summary>
    /// Adds <paramref name="value"/> of every thread of the group; the total is valid in thread 0 only.
    /// <paramref name="shared"/> is shared memory of at least the group size; every thread must call this.
    /// </summary>
    public static double Reduce(ArrayView<double> shared, double value)
    {
        int t = Group.IdxX;
        shared[t] = value;
        Group.Barrier();
        for (int stride = Group.DimX / 2; stride > 0; stride >>= 1)
        {
            if (t < stride)
                shared[t] += shared[t + stride];
            Group.Barrier();
        }
        return shared[0];
    }
}
