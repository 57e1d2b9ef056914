namespace Iqa.Gpu.Metrics.Ssim;

/// <summary>Normalized 1-D Gaussian windows; fspecial('gaussian', n, sigma) is their outer product.</summary>
public static class GaussianWindow
{
    /// <summary>The SSIM window of Wang et al. 2004: 11 taps, sigma 1.5.</summary>
    public static readonly float[] Ssim = Create(11, 1.5);

    public static float[] Create(int taps, double sigma)
    {
        var w = new double[taps];
        double sum = 0;
        for (int i = 0; i < taps; i++)
        {
            double x = i - (taps - 1) / 2.0;
            w[i] = Math.Exp(-x * x / (2 * sigma * sigma));
            sum += w[i];
        }
        return w.Select(v => (float)(v / sum)).ToArray();
    }
}
