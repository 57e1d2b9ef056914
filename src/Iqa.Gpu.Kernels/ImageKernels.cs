using ILGPU;
using ILGPU.Runtime;

namespace Iqa.Gpu.Kernels;

/// <summary>Resampling and elementwise kernels shared by the metrics.</summary>
public static class ImageKernels
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

    /// <summary>
    /// Sum of squared differences of one row, in double, one group per row (fixed reduction order).
    /// Launch like <see cref="SsimKernels.VerticalSsimRows"/>.
    /// </summary>
    public static void SquaredErrorRows(ArrayView<float> x, ArrayView<float> y, ArrayView<double> rows, int w)
    {
        var shared = SharedMemory.Allocate<double>(SsimKernels.MaxGroupSize);
        int row = Grid.IdxX;
        int t = Group.IdxX;
        double sum = 0;
        for (int col = t; col < w; col += Group.DimX)
        {
            double d = (double)x[row * w + col] - y[row * w + col];
            sum += d * d;
        }
        shared[t] = sum;
        Group.Barrier();
        for (int stride = Group.DimX / 2; stride > 0; stride >>= 1)
        {
            if (t < stride)
                shared[t] += shared[t + stride];
            Group.Barrier();
        }
        if (t == 0)
            rows[row] = shared[0];
    }
}
