using System.Numerics;

namespace Iqa.Gpu.Images;

/// <summary>
/// Turns decoded samples into float planes per <see cref="ColorMode"/>, computing each converted value in
/// double exactly as the reference code does (rounding included) and then applying <c>v * scale + offset</c>
/// (the metrics' normalization) before the one cast to float.
/// </summary>
public static class ColorConversion
{
    // MATLAB rgb2gray coefficients (the inverse of the NTSC YIQ matrix's first row, as rgb2gray.m computes them).
    private const double GrayR = 0.298936021293775, GrayG = 0.587043074451121, GrayB = 0.114020904255103;

    /// <summary>Number of planes <paramref name="mode"/> yields for an image with <paramref name="colorBands"/> colour bands.</summary>
    public static int PlaneCount(ColorMode mode, int colorBands) => colorBands == 3 && mode == ColorMode.Rgb ? 3 : 1;

    public static Plane[] ToPlanes(DecodedImage image, ColorMode mode, double scale, double offset)
    {
        var planes = new Plane[PlaneCount(mode, image.ColorBands)];
        for (int p = 0; p < planes.Length; p++)
            planes[p] = new Plane(image.Width, image.Height);
        if (image.Bytes is { } bytes)
            Convert(bytes, image, mode, planes, scale, offset);
        else
            Convert(image.Words!, image, mode, planes, scale, offset);
        return planes;
    }

    private static void Convert<T>(T[] samples, DecodedImage image, ColorMode mode, Plane[] planes, double scale, double offset)
        where T : unmanaged, IBinaryInteger<T>
    {
        int w = image.Width, bands = image.Bands;
        double max = image.MaxValue;
        bool color = image.ColorBands == 3;
        Parallel.For(0, image.Height, y =>
        {
            ReadOnlySpan<T> row = samples.AsSpan(y * w * bands, w * bands);
            if (!color || mode == ColorMode.Rgb)
            {
                for (int p = 0; p < planes.Length; p++)
                {
                    Span<float> dst = planes[p].Row(y);
                    for (int x = 0; x < w; x++)
                        dst[x] = (float)(double.CreateTruncating(row[x * bands + p]) * scale + offset);
                }
                return;
            }
            Span<float> outRow = planes[0].Row(y);
            for (int x = 0; x < w; x++)
            {
                double r = double.CreateTruncating(row[x * bands]);
                double g = double.CreateTruncating(row[x * bands + 1]);
                double b = double.CreateTruncating(row[x * bands + 2]);
                double v = mode switch
                {
                    ColorMode.Gray => Math.Min(max, Math.Round(GrayR * r + GrayG * g + GrayB * b, MidpointRounding.AwayFromZero)),
                    ColorMode.Luma => Math.Min(max, Math.Round(0.299 * r + 0.587 * g + 0.114 * b, MidpointRounding.ToEven)),
                    _ => (16.0 + 65.481 * (r / max) + 128.553 * (g / max) + 24.966 * (b / max)) * (max / 255.0),
                };
                outRow[x] = (float)(v * scale + offset);
            }
        });
    }
}
