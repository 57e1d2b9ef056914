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
        SsimMath.Column(mx, my, mxx, myy, mxy, window, i.X, i.Y, outW, offset, c1, c2, out float ssim, out float cs);
        ssimMap[i.Y * outW + i.X] = ssim;
        csMap[i.Y * outW + i.X] = cs;
    }
}
