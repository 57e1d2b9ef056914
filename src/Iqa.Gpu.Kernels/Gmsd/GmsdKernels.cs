using ILGPU;

namespace Iqa.Gpu.Kernels;

/// <summary>
/// GMSD (Xue, Zhang, Mou, Bovik 2014) as the authors' GMSD.m computes it, on gray planes on the 0..255 scale:
/// a 2x2 average with <c>conv2(Y, ones(2)/4, 'same')</c> then every 2nd pixel, Prewitt-like gradients
/// <c>conv2(Y, [1 0 -1; 1 0 -1; 1 0 -1]/3, 'same')</c> and its transpose (zero padding), and the gradient magnitude
/// similarity. The kernels write the deviation <c>1 − GMS = (g1 − g2)² / (g1² + g2² + T)</c> rather than GMS itself:
/// the same standard deviation, with full float precision where GMS is within 1e-4 of 1.
/// </summary>
public static class GmsdKernels
{
    /// <summary>
    /// <c>conv2(Y, ones(2)/4, 'same')(1:2:end, 1:2:end)</c>. MATLAB's 'same' part of a 2x2 convolution starts one
    /// sample into the full one, so output (i, j) averages Y(2i..2i+1, 2j..2j+1) with zeros past the last row and
    /// column (scipy's convolve2d 'same' would average 2i-1..2i instead). Index is the output pixel.
    /// </summary>
    public static void AverageDownsample(Index2D i, ArrayView<float> src, ArrayView<float> dst, int w, int h, int outW)
    {
        int x = 2 * i.X, y = 2 * i.Y;
        bool right = x + 1 < w, down = y + 1 < h;
        float a = src[y * w + x];
        float b = right ? src[y * w + x + 1] : 0f;
        float c = down ? src[(y + 1) * w + x] : 0f;
        float d = right && down ? src[(y + 1) * w + x + 1] : 0f;
        dst[i.Y * outW + i.X] = (a + b + c + d) * 0.25f;
    }

    /// <summary>The deviation <c>1 − GMS</c> of one pixel of the averaged planes (<see cref="GmsdMath.Deviation"/>).</summary>
    public static void Deviation(Index2D i, ArrayView<float> y1, ArrayView<float> y2, ArrayView<float> map, int w, int h, float t)
    {
        float g1 = Magnitude(y1, i.X, i.Y, w, h), g2 = Magnitude(y2, i.X, i.Y, w, h);
        map[i.Y * w + i.X] = GmsdMath.Deviation(g1, g2, t);
    }

    /// <summary>
    /// sqrt(Ix² + Iy²) with Ix = conv2(Y, dx, 'same'), Iy = conv2(Y, dx', 'same'): by the flipped kernel,
    /// Ix = (Σ_rows Y(·, c+1) − Σ_rows Y(·, c−1)) / 3 over rows r−1..r+1, Iy likewise across columns.
    /// </summary>
    private static float Magnitude(ArrayView<float> y, int c, int r, int w, int h)
    {
        float right = ColumnSum(y, c + 1, r, w, h), left = ColumnSum(y, c - 1, r, w, h);
        float below = RowSum(y, c, r + 1, w, h), above = RowSum(y, c, r - 1, w, h);
        return GmsdMath.Magnitude((right - left) / 3f, (below - above) / 3f);
    }

    /// <summary>Y(r−1, c) + Y(r, c) + Y(r+1, c), zero outside.</summary>
    private static float ColumnSum(ArrayView<float> y, int c, int r, int w, int h) =>
        c < 0 || c >= w ? 0f : At(y, c, r - 1, w, h) + At(y, c, r, w, h) + At(y, c, r + 1, w, h);

    /// <summary>Y(r, c−1) + Y(r, c) + Y(r, c+1), zero outside.</summary>
    private static float RowSum(ArrayView<float> y, int c, int r, int w, int h) =>
        r < 0 || r >= h ? 0f : At(y, c - 1, r, w, h) + At(y, c, r, w, h) + At(y, c + 1, r, w, h);

    private static float At(ArrayView<float> y, int c, int r, int w, int h) =>
        c < 0 || c >= w || r < 0 || r >= h ? 0f : y[r * w + c];
}
