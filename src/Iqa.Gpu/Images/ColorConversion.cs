using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    private sealed record Terms(double Start, double[] R, double[] G, double[] B, double CR, double CG, double CB, double Divisor);

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ConvertRow<T>(ReadOnlySpan<T> row, int bands, ColorMode mode, Terms terms, float[] direct,
        double yFactor, double scale, double offset, Span<float> output) where T : unmanaged, IBinaryInteger<T>
    {
        int first = typeof(T) == typeof(byte) ? RowAvx2(MemoryMarshal.Cast<T, byte>(row), bands, mode, terms, yFactor, scale, offset, output) : 0;
        ref T src = ref MemoryMarshal.GetReference(row);
        ref double tr = ref MemoryMarshal.GetArrayDataReference(terms.R);
        ref double tg = ref MemoryMarshal.GetArrayDataReference(terms.G);
        ref double tb = ref MemoryMarshal.GetArrayDataReference(terms.B);
        ref float lut = ref MemoryMarshal.GetArrayDataReference(direct);
        ref float dst = ref MemoryMarshal.GetReference(output);
        double start = terms.Start;
        for (int x = first, i = first * bands; x < output.Length; x++, i += bands)
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
    /// <see cref="ConvertRow"/> for 8-bit pixels, four at a time with AVX2: the bands are picked out with byte
    /// shuffles, each term is the same IEEE product the tables hold, added in the same order, rounded by the same
    /// rules (truncate and compare for half away from zero, the hardware's ties-to-even for luma) and normalized by
    /// the same operations as the lookup values, so every value is the scalar loop's bit for bit (a test checks all
    /// 2^24 colours). Returns the pixels done; the scalar loop does the rest.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int RowAvx2(ReadOnlySpan<byte> row, int bands, ColorMode mode, Terms terms,
        double yFactor, double scale, double offset, Span<float> output)
    {
        if (!Avx2.IsSupported || bands < 3)
            return 0;
        Vector128<byte> maskR = BandMask(bands, 0), maskG = BandMask(bands, 1), maskB = BandMask(bands, 2);
        Vector256<double> start = Vector256.Create(terms.Start), half = Vector256.Create(0.5), one = Vector256.Create(1.0);
        Vector256<double> factor = Vector256.Create(yFactor), scaleV = Vector256.Create(scale), offsetV = Vector256.Create(offset);
        Vector256<double> cr = Vector256.Create(terms.CR), cg = Vector256.Create(terms.CG), cb = Vector256.Create(terms.CB);
        Vector256<double> divisor = Vector256.Create(terms.Divisor);
        bool divide = terms.Divisor != 1.0;
        int x = 0;
        fixed (byte* src = row)
        fixed (float* dst = output)
        {
            // 16 bytes are loaded for 4 pixels' 12 or 16: stop while a full load stays inside the row.
            for (; x + 4 <= output.Length && x * bands + 16 <= row.Length; x += 4)
            {
                var bytes = Sse2.LoadVector128(src + x * bands);
                var sum = Avx.Add(Avx.Add(Avx.Add(start,
                        Term(Ssse3.Shuffle(bytes, maskR), cr, divide, divisor)),
                        Term(Ssse3.Shuffle(bytes, maskG), cg, divide, divisor)),
                        Term(Ssse3.Shuffle(bytes, maskB), cb, divide, divisor));
                Vector256<double> value = mode switch
                {
                    ColorMode.Gray => RoundHalfAwayFromZero(sum, half, one),
                    ColorMode.Luma => Avx.RoundToNearestInteger(sum),
                    _ => Avx.Multiply(sum, factor),
                };
                var values = Avx.ConvertToVector128Single(Avx.Add(Avx.Multiply(value, scaleV), offsetV));
                Sse.Store(dst + x, values);
            }
        }
        return x;
    }

    /// <summary>The weighted samples of one band, as the term tables hold them: c * v, or c * (v / max) for y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Term(Vector128<byte> samples, Vector256<double> coefficient, bool divide, Vector256<double> divisor)
    {
        var v = Avx.ConvertToVector256Double(samples.AsInt32());
        return Avx.Multiply(coefficient, divide ? Avx.Divide(v, divisor) : v);
    }

    /// <summary>The vector form of <see cref="RoundHalfAwayFromZero(double)"/>: the integer part, plus one where the fraction is at least 0.5.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> RoundHalfAwayFromZero(Vector256<double> v, Vector256<double> half, Vector256<double> one)
    {
        var whole = Avx.RoundToZero(v);
        return Avx.Add(whole, Avx.And(Avx.CompareGreaterThanOrEqual(Avx.Subtract(v, whole), half), one));
    }

    /// <summary>A byte shuffle moving band <paramref name="band"/> of 4 interleaved pixels to the low byte of 4 ints.</summary>
    private static Vector128<byte> BandMask(int bands, int band)
    {
        Span<byte> mask = stackalloc byte[16];
        mask.Fill(0x80); // zero the other bytes
        for (int p = 0; p < 4; p++)
            mask[4 * p] = (byte)(p * bands + band);
        return Vector128.Create((ReadOnlySpan<byte>)mask);
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
        // Gray and luma weight the samples; y weights samples divided by the maximum (rgb2ycbcr on 0..1 input).
        var (cr, cg, cb, divisor) = mode switch
        {
            ColorMode.Gray => (GrayR, GrayG, GrayB, 1.0),
            ColorMode.Luma => (0.299, 0.587, 0.114, 1.0),
            _ => (65.481, 128.553, 24.966, max),
        };
        int n = (int)max + 1;
        double[] r = new double[n], g = new double[n], b = new double[n];
        for (int v = 0; v < n; v++)
            (r[v], g[v], b[v]) = divisor == 1.0 ? (cr * v, cg * v, cb * v) : (cr * (v / divisor), cg * (v / divisor), cb * (v / divisor));
        return new Terms(mode == ColorMode.Y ? 16.0 : 0.0, r, g, b, cr, cg, cb, divisor);
    }
}
