using ILGPU;

namespace Iqa.Gpu.Kernels;

/// <summary>The per-pixel SSIM formula, shared by the ILGPU kernels and the vectorized CPU path's scalar tail.</summary>
public static class SsimMath
{
    /// <summary>
    /// SSIM and contrast-structure of one window from its filtered moments of centred data
    /// (<paramref name="m1"/> = E[x'], <paramref name="e11"/> = E[x'^2], ..., x' = x - offset).
    /// Written so that x == y gives exactly 1: 2*m*m and m*m + m*m round identically.
    /// </summary>
    public static void Pixel(float m1, float m2, float e11, float e22, float e12,
        float offset, float c1, float c2, out float ssim, out float cs)
    {
        float s11 = e11 - m1 * m1;
        float s22 = e22 - m2 * m2;
        float s12 = e12 - m1 * m2;
        float mu1 = m1 + offset;
        float mu2 = m2 + offset;
        float csNum = 2f * s12 + c2;
        float csDen = s11 + s22 + c2;
        cs = csNum / csDen;
        ssim = (2f * mu1 * mu2 + c1) * csNum / ((mu1 * mu1 + mu2 * mu2 + c1) * csDen);
    }

    /// <summary>
    /// SSIM and contrast-structure at map position (<paramref name="col"/>, <paramref name="row"/>): the five
    /// horizontal moments of <see cref="SsimKernels.HorizontalMoments"/> filtered down the column ('valid'), then
    /// <see cref="Pixel"/>. One definition for the kernel that reduces the rows and the one that writes the maps, so a
    /// map holds exactly the values the score sums.
    /// </summary>
    public static void Column(
        ArrayView<float> mx, ArrayView<float> my, ArrayView<float> mxx, ArrayView<float> myy, ArrayView<float> mxy,
        ArrayView<float> window, int col, int row, int outW, float offset, float c1, float c2, out float ssim, out float cs)
    {
        int taps = (int)window.Length;
        float m1 = 0, m2 = 0, e11 = 0, e22 = 0, e12 = 0;
        for (int k = 0; k < taps; k++)
        {
            float wk = window[k];
            int idx = (row + k) * outW + col;
            m1 += wk * mx[idx];
            m2 += wk * my[idx];
            e11 += wk * mxx[idx];
            e22 += wk * myy[idx];
            e12 += wk * mxy[idx];
        }
        Pixel(m1, m2, e11, e22, e12, offset, c1, c2, out ssim, out cs);
    }
}
