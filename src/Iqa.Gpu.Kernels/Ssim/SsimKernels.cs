using ILGPU;
using ILGPU.Runtime;

namespace Iqa.Gpu.Kernels;

/// <summary>
/// SSIM as Wang et al. 2004 / ssim_index.m compute it: 'valid' Gaussian-filtered moments
/// (filter2(window, img, 'valid')), then the SSIM and contrast-structure maps, reduced per output row.
/// Planes are row-major, width <c>w</c>; data are normalized by the data range and centred by
/// <c>-offset</c> so that E[x^2] - mu^2 does not cancel catastrophically in float32.
/// </summary>
public static class SsimKernels
{
    /// <summary>
    /// Pass 1: horizontal 'valid' filtering of x, y, x*x, y*y and x*y.
    /// Index is (output column, row); outputs have width <c>w - taps + 1</c> and the input's height.
    /// </summary>
    public static void HorizontalMoments(
        Index2D i,
        ArrayView<float> x, ArrayView<float> y, ArrayView<float> window,
        ArrayView<float> mx, ArrayView<float> my, ArrayView<float> mxx, ArrayView<float> myy, ArrayView<float> mxy,
        int w, int outW)
    {
        int taps = (int)window.Length;
        int src = i.Y * w + i.X;
        float sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int k = 0; k < taps; k++)
        {
            float wk = window[k];
            float a = x[src + k], b = y[src + k];
            sx += wk * a;
            sy += wk * b;
            sxx += wk * (a * a);
            syy += wk * (b * b);
            sxy += wk * (a * b);
        }
        int dst = i.Y * outW + i.X;
        mx[dst] = sx; my[dst] = sy; mxx[dst] = sxx; myy[dst] = syy; mxy[dst] = sxy;
    }

    /// <summary>
    /// Pass 2: vertical 'valid' filtering of the five horizontal moments, the SSIM map
    /// ((2 mu_x mu_y + C1)(2 s_xy + C2)) / ((mu_x^2 + mu_y^2 + C1)(s_x^2 + s_y^2 + C2)) and the
    /// contrast-structure map (2 s_xy + C2) / (s_x^2 + s_y^2 + C2), each summed over one output row in
    /// double in a fixed order (one group per row), so the result does not depend on scheduling.
    /// Launch with a power-of-two group size up to <see cref="GroupSum.MaxGroupSize"/> and one group per output row.
    /// </summary>
    public static void VerticalSsimRows(
        ArrayView<float> mx, ArrayView<float> my, ArrayView<float> mxx, ArrayView<float> myy, ArrayView<float> mxy,
        ArrayView<float> window, ArrayView<double> ssimRows, ArrayView<double> csRows,
        int outW, float offset, float c1, float c2)
    {
        var shared = SharedMemory.Allocate<double>(GroupSum.MaxGroupSize);
        int row = Grid.IdxX;
        double ssimSum = 0, csSum = 0;
        for (int col = Group.IdxX; col < outW; col += Group.DimX)
        {
            SsimMath.Column(mx, my, mxx, myy, mxy, window, col, row, outW, offset, c1, c2, out float ssim, out float cs);
            ssimSum += ssim;
            csSum += cs;
        }
        ssimSum = GroupSum.Reduce(shared, ssimSum);
        Group.Barrier(); // every thread has read the total before the shared memory is reused
        csSum = GroupSum.Reduce(shared, csSum);
        if (Group.IdxX == 0)
        {
            ssimRows[row] = ssimSum;
            csRows[row] = csSum;
        }
    }
}
