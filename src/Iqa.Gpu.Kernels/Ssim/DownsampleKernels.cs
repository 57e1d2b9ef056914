using ILGPU;

namespace Iqa.Gpu.Kernels;

/// <summary>The box downsampling of Wang's ssim.m (automatic downsampling) and msssim.m (between scales).</summary>
public static class DownsampleKernels
{
    /// <summary>
    /// MATLAB <c>imfilter(img, ones(f)/f^2, 'symmetric', 'same')</c> followed by <c>img(1:f:end, 1:f:end)</c>,
    /// as in Wang's ssim.m (automatic downsampling) and msssim.m (f = 2). Index is the output pixel.
    /// </summary>
    public static void BoxDownsample(Index2D i, ArrayView<float> src, ArrayView<float> dst, int w, int h, int f, int outW)
    {
        double sum = 0;
        int lo = BoxWindow.Low(f);
        for (int dy = 0; dy < f; dy++)
        {
            int sy = BoxWindow.Symmetric(i.Y * f + lo + dy, h);
            for (int dx = 0; dx < f; dx++)
            {
                int sx = BoxWindow.Symmetric(i.X * f + lo + dx, w);
                sum += src[sy * w + sx];
            }
        }
        dst[i.Y * outW + i.X] = (float)(sum / (f * f));
    }
}
