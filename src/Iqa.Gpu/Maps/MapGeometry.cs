using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Maps;

/// <summary>
/// Where a map's samples lie on the image it was computed from: sample <c>i</c> (a column, or a row: both axes alike) sits
/// at image coordinate <c>Offset + Scale * i</c>, pixel centres being the integers 0 .. size − 1.
/// </summary>
public readonly record struct MapGeometry(double Offset, double Scale)
{
    /// <summary>One sample per pixel, in place (PSNR, LPIPS).</summary>
    public static MapGeometry Identity => new(0, 1);

    /// <summary>
    /// After MATLAB's <c>imfilter(x, ones(f)/f^2, 'symmetric')</c> then <c>x(1:f:end, 1:f:end)</c> (Wang's ssim.m, msssim.m):
    /// sample j averages samples f j + lo .. f j + lo + f − 1 (lo = <see cref="BoxWindow.Low"/>), centred at
    /// f j + lo + (f − 1) / 2. Also GMSD.m's 2x2 average (lo = 0 for f = 2).
    /// </summary>
    public MapGeometry BoxDownsampled(int factor) =>
        factor == 1 ? this : new(Offset + Scale * (BoxWindow.Low(factor) + (factor - 1) / 2.0), Scale * factor);

    /// <summary>A 'valid' window of <paramref name="taps"/> taps: map sample i is the window centred on sample i + (taps − 1) / 2.</summary>
    public MapGeometry Valid(int taps) => new(Offset + Scale * ((taps - 1) / 2.0), Scale);

    /// <summary>The image coordinate of sample <paramref name="i"/>.</summary>
    public double ImageCoordinate(int i) => Offset + Scale * i;

    /// <summary>The pixel holding sample <paramref name="i"/>'s position (pixel p spans [p − 0.5, p + 0.5)), within [0, size).</summary>
    public int Pixel(int i, int size) => Math.Clamp((int)Math.Floor(ImageCoordinate(i) + 0.5), 0, size - 1);
}
