using ILGPU;

namespace Iqa.Gpu.Kernels;

/// <summary>PSNR's squared-error map, per pixel (the quality map of <c>iqa score --map</c>).</summary>
public static class PsnrMapKernels
{
    /// <summary>(x − y)² of one sample, the difference and square in double (as <see cref="PsnrKernels.SquaredErrorRows"/>), rounded to float once.</summary>
    public static void SquaredError(Index1D i, ArrayView<float> x, ArrayView<float> y, ArrayView<float> map)
    {
        double d = (double)x[i] - y[i];
        map[i] = (float)(d * d);
    }
}
