using Iqa.Gpu.Devices;

namespace Iqa.Gpu.Metrics.Gmsd;

/// <summary>The deviation map <c>1 − GMS</c> of one pair, summarized: its size, mean and sample standard deviation (= GMSD).</summary>
public readonly record struct GmsdStatistics(int Width, int Height, double MeanDeviation, double StandardDeviation);

/// <summary>What GMSD computes on a device: <see cref="GmsdCpu"/> on the CPU, <see cref="GmsdIlgpu"/> on ILGPU devices.</summary>
public interface IGmsdOperations
{
    /// <summary>
    /// GMSD.m on two gray planes on the 0..255 scale: the averaged, downsampled planes, the deviation map, then its
    /// mean and sample standard deviation in double, by two passes (no E[x²] − E[x]² cancellation), rows added in order.
    /// </summary>
    GmsdStatistics Compute(IDevicePlane reference, IDevicePlane distorted);

    /// <summary>The implementation for <paramref name="device"/>, made (kernels compiled) on first use.</summary>
    static IGmsdOperations On(IComputeDevice device) =>
        device.Implementation<IGmsdOperations>(_ => new GmsdCpu(), d => new GmsdIlgpu(d));

    /// <summary>std2's sample standard deviation from the map's size, sum and sum of squared deviations (0 for one sample, as MATLAB).</summary>
    internal static GmsdStatistics Summarize(int width, int height, double sum, double squaredDeviations)
    {
        double n = (double)width * height;
        return new GmsdStatistics(width, height, sum / n, n > 1 ? Math.Sqrt(squaredDeviations / (n - 1)) : 0);
    }
}
