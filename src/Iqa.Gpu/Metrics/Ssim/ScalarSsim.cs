using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Metrics.Ssim;

/// <summary>
/// Plain scalar double-precision SSIM, written straight from ssim_index.m (filter2 'valid' with the
/// normalized 11x11 Gaussian, sigma 1.5). No vectors, no threads: the baseline the benchmarks compare against
/// and the high-precision oracle the tests check the float32 backends with.
/// </summary>
public static class ScalarSsim
{
    /// <summary>Mean SSIM of two planes of raw samples with data range <paramref name="dataRange"/>.</summary>
    public static double Mean(double[] x, double[] y, int w, int h, double dataRange) =>
        Means(x, y, w, h, dataRange).Ssim;

    /// <summary>Mean contrast-structure term (2 s_xy + C2) / (s_x^2 + s_y^2 + C2), as msssim.m's mcs.</summary>
    public static double MeanContrastStructure(double[] x, double[] y, int w, int h, double dataRange) =>
        Means(x, y, w, h, dataRange).ContrastStructure;

    private static (double Ssim, double ContrastStructure) Means(double[] x, double[] y, int w, int h, double dataRange)
    {
        const int taps = 11;
        var g = new double[taps];
        double gs = 0;
        for (int i = 0; i < taps; i++)
            gs += g[i] = Math.Exp(-(i - 5) * (i - 5) / (2 * 1.5 * 1.5));
        for (int i = 0; i < taps; i++)
            g[i] /= gs;
        double c1 = Math.Pow(0.01 * dataRange, 2), c2 = Math.Pow(0.03 * dataRange, 2);
        int outW = w - taps + 1, outH = h - taps + 1;
        // Horizontal pass of x, y, x^2, y^2, xy over every row, then the vertical pass per output pixel.
        var hx = new double[5][];
        for (int k = 0; k < 5; k++)
            hx[k] = new double[outW * h];
        for (int r = 0; r < h; r++)
            for (int c = 0; c < outW; c++)
            {
                double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
                for (int k = 0; k < taps; k++)
                {
                    double a = x[r * w + c + k], b = y[r * w + c + k];
                    sx += g[k] * a;
                    sy += g[k] * b;
                    sxx += g[k] * a * a;
                    syy += g[k] * b * b;
                    sxy += g[k] * a * b;
                }
                int i = r * outW + c;
                hx[0][i] = sx; hx[1][i] = sy; hx[2][i] = sxx; hx[3][i] = syy; hx[4][i] = sxy;
            }
        double sum = 0, csSum = 0;
        var m = new double[5];
        for (int r = 0; r < outH; r++)
            for (int c = 0; c < outW; c++)
            {
                Array.Clear(m);
                for (int k = 0; k < taps; k++)
                    for (int q = 0; q < 5; q++)
                        m[q] += g[k] * hx[q][(r + k) * outW + c];
                double mu1 = m[0], mu2 = m[1];
                double s11 = m[2] - mu1 * mu1, s22 = m[3] - mu2 * mu2, s12 = m[4] - mu1 * mu2;
                double cs = (2 * s12 + c2) / (s11 + s22 + c2);
                sum += (2 * mu1 * mu2 + c1) / (mu1 * mu1 + mu2 * mu2 + c1) * cs;
                csSum += cs;
            }
        double n = (double)outW * outH;
        return (sum / n, csSum / n);
    }

    /// <summary>MATLAB imfilter(x, ones(f)/f^2, 'symmetric', 'same') then x(1:f:end, 1:f:end), in double.</summary>
    public static double[] BoxDownsample(double[] x, int w, int h, int f, out int outW, out int outH)
    {
        outW = (w + f - 1) / f;
        outH = (h + f - 1) / f;
        var dst = new double[outW * outH];
        int lo = BoxWindow.Low(f);
        for (int oy = 0; oy < outH; oy++)
            for (int ox = 0; ox < outW; ox++)
            {
                double s = 0;
                for (int dy = 0; dy < f; dy++)
                    for (int dx = 0; dx < f; dx++)
                        s += x[BoxWindow.Symmetric(oy * f + lo + dy, h) * w + BoxWindow.Symmetric(ox * f + lo + dx, w)];
                dst[oy * outW + ox] = s / (f * f);
            }
        return dst;
    }
}
