using ILGPU;

namespace Iqa.Gpu.Kernels;

/// <summary>
/// The SSIM and contrast-structure maps themselves (the quality maps of <c>iqa score --map</c>): the second pass of
/// <see cref="SsimKernels.VerticalSsimRows"/> writing every 'valid' value instead of reducing each row.
/// </summary>
public static class SsimMapKernels
{
    /// <summary>
    /// Vertical 'valid' filtering of the five horizontal moments of <see cref="SsimKernels.HorizontalMoments"/> and the
    /// per-pixel formula (<see cref="SsimMath.Pixel"/>). Index is the map pixel (column, row); maps are
    /// <c>outW</c> wide and as high as the moments less the window.
    /// </summary>
    public static void VerticalSsimMap(
        Index2D i,
        ArrayView<float> mx, ArrayView<float> my, ArrayView<float> mxx, ArrayView<float> myy, ArrayView<float> mxy,
        ArrayView<float> window, ArrayView<float> ssimMap, ArrayView<float> csMap,
        int outW, float offset, float c1, float c2)
    {
        int taps = (int)window.Length;
        float m1 = 0, m2 = 0, e11 = 0, e22 = 0, e12 = 0;
        for (int k = 0; k < taps; k++)
        {
            float wk = window[k];
            int idx = (i.Y + k) * outW + i.X;
            m1 += wk * mx[idx];
            m2 += wk * my[idx];
            e11 += wk * mxx[idx];
            e22 += wk * myy[idx];
            e12 += wk * mxy[idx];
        }
        SsimMath.Pixel(m1, m2, e11, e22, e12, offset, c1, c2, out float ssim, out float cs);
        ssimMap[i.Y * outW + i.X] = ssim;
        csMap[i.Y * outW + i.X] = cs;
    }
}
