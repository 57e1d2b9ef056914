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
}
