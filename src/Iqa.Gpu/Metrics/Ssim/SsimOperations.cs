using Iqa.Gpu.Devices;

namespace Iqa.Gpu.Metrics.Ssim;

/// <summary>Window and constants of one SSIM evaluation, on data normalized by the data range.</summary>
/// <param name="Window">Normalized 1-D window; the 2-D window is its outer product (separable).</param>
/// <param name="C1">(K1 L)^2 with L = 1 after normalization.</param>
/// <param name="C2">(K2 L)^2 with L = 1 after normalization.</param>
/// <param name="Offset">The centring subtracted from the normalized data, added back to the means.</param>
public sealed record SsimParameters(float[] Window, float C1, float C2, float Offset);

/// <summary>Means of the SSIM map and of the contrast-structure map over the 'valid' region.</summary>
public readonly record struct SsimMeans(double Ssim, double ContrastStructure);

/// <summary>
/// The means a caller of <see cref="ISsimOperations.Scales"/> uses: all, or those a score combines (SSIM at the last
/// scale, contrast-structure at the others: MS-SSIM's product, SSIM's one scale). With <see cref="ForScore"/> a device
/// may skip the other map's work (the CPU does: one division and one sum fewer per pixel) and return NaN for its mean.
/// </summary>
public enum SsimMeansNeeded
{
    All,
    ForScore,
}

/// <summary>
/// What the SSIM family (ssim, ms_ssim) computes on a device: <see cref="SsimCpu"/> on the CPU, <see cref="SsimIlgpu"/>
/// on ILGPU devices. Every reduction is deterministic: per-row partial sums in double, added in row order.
/// </summary>
public interface ISsimOperations
{
    /// <summary>MATLAB imfilter(x, ones(f)/f^2, 'symmetric', 'same') then x(1:f:end, 1:f:end).</summary>
    IDevicePlane BoxDownsample(IDevicePlane source, int factor);

    /// <summary>
    /// SSIM and contrast-structure means of the 'valid' Gaussian-window maps (ssim_index.m) at
    /// <paramref name="scales"/> scales: the inputs, then each previous scale box-downsampled by 2 (msssim.m).
    /// Devices keep every scale resident and return all the means in one read-back.
    /// </summary>
    SsimMeans[] Scales(IDevicePlane x, IDevicePlane y, SsimParameters parameters, int scales, SsimMeansNeeded needed = SsimMeansNeeded.All);

    /// <summary>The implementation for <paramref name="device"/>, made (kernels compiled) on first use.</summary>
    static ISsimOperations On(IComputeDevice device) =>
        device.Implementation<ISsimOperations>(_ => new SsimCpu(), d => new SsimIlgpu(d));
}
