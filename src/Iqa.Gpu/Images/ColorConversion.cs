using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

    /// <summary>
    /// Per-sample weighted terms (coefficient x sample, exactly the products the formulas take), so a pixel costs
    /// three lookups and two additions in the formula's own order. Cached per mode and bit depth.
    /// </summary>
    private sealed record Terms(double Start, double[] R, double[] G, double[] B);

    private static readonly ConcurrentDictionary<(ColorMode, int), Terms> TermTables = new();

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
        int w = image.Width, h = image.Height, bands = image.Bands;
        double max = image.MaxValue;
        // Values of the channels themselves: one cast per possible sample value.
        var direct = new float[(int)max + 1];
        for (int v = 0; v < direct.Length; v++)
            direct[v] = (float)(v * scale + offset);
        bool split = image.ColorBands == 1 || mode == ColorMode.Rgb;
        var terms = split ? null : TermTables.GetOrAdd((mode, image.BitDepth), key => CreateTerms(key.Item1, max));
        int chunks = Math.Min(h, Environment.ProcessorCount * 4);
        Parallel.For(0, chunks, chunk =>
        {
            int y0 = (int)((long)chunk * h / chunks), y1 = (int)((long)(chunk + 1) * h / chunks);
            for (int y = y0; y < y1; y++)
            {
                ReadOnlySpan<T> row = samples.AsSpan(y * w * bands, w * bands);
                if (split)
                {
                    for (int p = 0; p < planes.Length; p++)
                    {
                        Span<float> dst = planes[p].Row(y);
                        for (int x = 0; x < w; x++)
                            dst[x] = direct[int.CreateTruncating(row[x * bands + p])];
                    }
                    continue;
                }
                ConvertRow(row, bands, mode, terms!, direct, max / 255.0, scale, offset, planes[0].Row(y));
            }
        });
    }

    /// <summary>
    /// One row of colour pixels to one plane row. Each pixel's weighted sum is added in the formula's order,
    /// ((start + r) + g) + b, from the per-sample term tables; the tables and rows are read through references
    /// (no bounds checks: every index is a sample value, below the tables' length by construction).
    /// </summary>
    private static void ConvertRow<T>(ReadOnlySpan<T> row, int bands, ColorMode mode, Terms terms, float[] direct,
        double yFactor, double scale, double offset, Span<float> output) where T : unmanaged, IBinaryInteger<T>
    {
        ref T src = ref MemoryMarshal.GetReference(row);
        ref double tr = ref MemoryMarshal.GetArrayDataReference(terms.R);
        ref double tg = ref MemoryMarshal.GetArrayDataReference(terms.G);
        ref double tb = ref MemoryMarshal.GetArrayDataReference(terms.B);
        ref float lut = ref MemoryMarshal.GetArrayDataReference(direct);
        ref float dst = ref MemoryMarshal.GetReference(output);
        double start = terms.Start;
        for (int x = 0, i = 0; x < output.Length; x++, i += bands)
        {
            double sum = start + Unsafe.Add(ref tr, int.CreateTruncating(Unsafe.Add(ref src, i)))
                         + Unsafe.Add(ref tg, int.CreateTruncating(Unsafe.Add(ref src, i + 1)))
                         + Unsafe.Add(ref tb, int.CreateTruncating(Unsafe.Add(ref src, i + 2)));
            Unsafe.Add(ref dst, x) = mode switch
            {
                ColorMode.Gray => Unsafe.Add(ref lut, RoundHalfAwayFromZero(sum)),
                ColorMode.Luma => Unsafe.Add(ref lut, (int)Math.Round(sum, MidpointRounding.ToEven)),
                _ => (float)(sum * yFactor * scale + offset),
            };
        }
    }

    /// <summary>
    /// MATLAB's round for the non-negative sums here: the integer part plus one when the fraction is at least 0.5
    /// (the subtraction is exact), as Math.Round(v, MidpointRounding.AwayFromZero) but without its general path.
    /// The coefficients sum to at most 1, so the result never exceeds the sample maximum.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RoundHalfAwayFromZero(double v)
    {
        double whole = Math.Truncate(v);
        return (int)whole + (v - whole >= 0.5 ? 1 : 0);
    }

    private static Terms CreateTerms(ColorMode mode, double max)
    {
        int n = (int)max + 1;
        double[] r = new double[n], g = new double[n], b = new double[n];
        for (int v = 0; v < n; v++)
        {
            switch (mode)
            {
                case ColorMode.Gray:
                    (r[v], g[v], b[v]) = (GrayR * v, GrayG * v, GrayB * v);
                    break;
                case ColorMode.Luma:
                    (r[v], g[v], b[v]) = (0.299 * v, 0.587 * v, 0.114 * v);
                    break;
                default:
                    // BT.601 studio range on double input in 0..1 (rgb2ycbcr), on the 0..255 scale.
                    (r[v], g[v], b[v]) = (65.481 * (v / max), 128.553 * (v / max), 24.966 * (v / max));
                    break;
            }
        }
        return new Terms(mode == ColorMode.Y ? 16.0 : 0.0, r, g, b);
    }
}
