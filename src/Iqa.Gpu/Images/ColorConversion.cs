using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Iqa.Gpu.Devices;

namespace Iqa.Gpu.Images;

/// <summary>
/// Turns decoded samples into planes per <see cref="ColorMode"/>, computing each converted value in double exactly as
/// the reference code does (rounding included) and then applying <c>v * scale + offset</c> (the metrics'
/// normalization) before the one cast to float. Planes come as <see cref="PlaneRows"/>: channels are read from the
/// image as they are; gray and luma, being rounded, are converted once into 8-bit (or 16-bit) samples, a quarter of a
/// float plane; y, unrounded, is converted row by row as it is read.
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
        var rows = Rows(image, mode, scale, offset);
        try
        {
            return [.. rows.Select(r => r.ToPlane())];
        }
        finally
        {
            foreach (var r in rows)
                r.Dispose();
        }
    }

    /// <summary>The planes of <see cref="ToPlanes"/>, read a row at a time.</summary>
    public static PlaneRows[] Rows(DecodedImage image, ColorMode mode, double scale, double offset)
    {
        int w = image.Width, h = image.Height, bands = image.Bands, bits = image.BitDepth;
        if (image.ColorBands == 1 || mode == ColorMode.Rgb)
            return [.. Enumerable.Range(0, PlaneCount(mode, image.ColorBands)).Select(p => image.Bytes is { } bytes
                ? (PlaneRows)new SampleRows<byte>(bytes, w, h, bands, p, w * bands, bits, scale, offset)
                : new SampleRows<ushort>(image.Words!, w, h, bands, p, w * bands, bits, scale, offset))];
        var terms = TermTables.GetOrAdd((mode, bits), key => CreateTerms(key.Item1, image.MaxValue));
        if (mode == ColorMode.Y)
            return [new YRows(image, terms, scale, offset)];
        return [image.Bytes is { } b
            ? new SampleRows<byte>(Rounded<byte, byte>(b, image, mode, terms), w, h, 1, 0, w, bits, scale, offset, rented: true)
            : new SampleRows<ushort>(Rounded<ushort, ushort>(image.Words!, image, mode, terms), w, h, 1, 0, w, bits, scale, offset, rented: true)];
    }

    /// <summary>Gray or luma of every pixel, rounded as the mode's reference rounds, in parallel bands of rows (an array from the shared pool).</summary>
    private static TOut[] Rounded<TIn, TOut>(TIn[] samples, DecodedImage image, ColorMode mode, Terms terms)
        where TIn : unmanaged, IBinaryInteger<TIn> where TOut : unmanaged, IBinaryInteger<TOut>
    {
        int w = image.Width, h = image.Height, bands = image.Bands;
        var plane = ArrayPool<TOut>.Shared.Rent(w * h);
        int chunks = CpuParallel.Parts(h, 4);
        CpuParallel.For(chunks, chunk =>
        {
            int y0 = CpuParallel.Start(chunk, chunks, h), y1 = CpuParallel.Start(chunk + 1, chunks, h);
            for (int y = y0; y < y1; y++)
                RoundedRow<TIn, TOut>(samples.AsSpan(y * w * bands, w * bands), bands, mode, terms, plane.AsSpan(y * w, w));
        });
        return plane;
    }

    /// <summary>
    /// One row of colour pixels to gray or luma. Each pixel's weighted sum is added in the formula's order,
    /// ((start + r) + g) + b, from the per-sample term tables; the tables and rows are read through references
    /// (no bounds checks: every index is a sample value, below the tables' length by construction).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RoundedRow<TIn, TOut>(ReadOnlySpan<TIn> row, int bands, ColorMode mode, Terms terms, Span<TOut> output)
        where TIn : unmanaged, IBinaryInteger<TIn> where TOut : unmanaged, IBinaryInteger<TOut>
    {
        int first = typeof(TIn) == typeof(byte) && typeof(TOut) == typeof(byte)
            ? RoundedRowAvx2(MemoryMarshal.Cast<TIn, byte>(row), bands, mode, terms, MemoryMarshal.Cast<TOut, byte>(output))
            : 0;
        ref TOut dst = ref MemoryMarshal.GetReference(output);
        for (int x = first, i = first * bands; x < output.Length; x++, i += bands)
        {
            double sum = Sum(row, i, terms);
            Unsafe.Add(ref dst, x) = TOut.CreateTruncating(mode == ColorMode.Gray
                ? RoundHalfAwayFromZero(sum)
                : (int)Math.Round(sum, MidpointRounding.ToEven));
        }
    }

    /// <summary>The weighted sum of pixel <paramref name="i"/> (its first sample), ((start + r) + g) + b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Sum<T>(ReadOnlySpan<T> row, int i, Terms terms) where T : unmanaged, IBinaryInteger<T>
    {
        ref T src = ref MemoryMarshal.GetReference(row);
        return terms.Start + Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(terms.R), int.CreateTruncating(Unsafe.Add(ref src, i)))
               + Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(terms.G), int.CreateTruncating(Unsafe.Add(ref src, i + 1)))
               + Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(terms.B), int.CreateTruncating(Unsafe.Add(ref src, i + 2)));
    }

    /// <summary>
    /// BT.601 studio-range y (rgb2ycbcr on 0..1 input, unrounded), converted row by row as it is read: the sum times
    /// max / 255, then the normalization, in double, one rounding to float.
    /// </summary>
    private sealed class YRows(DecodedImage image, Terms terms, double scale, double offset)
        : PlaneRows(image.Width, image.Height, 0, scale, offset)
    {
        private readonly double _factor = image.MaxValue / 255.0;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public override void Read(int y, Span<float> destination)
        {
            int w = Width, bands = image.Bands;
            var output = destination[..w];
            if (image.Bytes is { } bytes)
            {
                var row = bytes.AsSpan(y * w * bands, w * bands);
                Finish(row, YRowAvx2(row, bands, terms, _factor, Scale, Offset, output), output);
            }
            else
                Finish(image.Words.AsSpan(y * w * bands, w * bands), 0, output);
        }

        /// <summary>Pixels <paramref name="from"/> onwards, one at a time.</summary>
        private void Finish<T>(ReadOnlySpan<T> row, int from, Span<float> output) where T : unmanaged, IBinaryInteger<T>
        {
            int bands = image.Bands;
            for (int x = from, i = from * bands; x < output.Length; x++, i += bands)
                output[x] = (float)(Sum(row, i, terms) * _factor * Scale + Offset);
        }
    }

    /// <summary>
    /// <see cref="RoundedRow"/> for 8-bit pixels, four at a time with AVX2: the bands are picked out with byte
    /// shuffles, each term is the same IEEE product the tables hold, added in the same order, and rounded by the same
    /// rules (truncate and compare for half away from zero, the hardware's ties-to-even for luma), so every value is
    /// the scalar loop's bit for bit (a test checks all 2^24 colours). Returns the pixels done; the scalar loop does the rest.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int RoundedRowAvx2(ReadOnlySpan<byte> row, int bands, ColorMode mode, Terms terms, Span<byte> output)
    {
        if (!Avx2.IsSupported || bands < 3)
            return 0;
        var sums = new PixelSums(bands, terms);
        Vector256<double> half = Vector256.Create(0.5), one = Vector256.Create(1.0);
        // Picks the low byte of each of four ints.
        var pack = Vector128.Create((byte)0, 4, 8, 12, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80);
        int x = 0;
        fixed (byte* src = row)
        fixed (byte* dst = output)
        {
            for (; x + 4 <= output.Length && x * bands + 16 <= row.Length; x += 4)
            {
                var sum = sums.Of(Sse2.LoadVector128(src + x * bands));
                var value = mode == ColorMode.Gray ? RoundHalfAwayFromZero(sum, half, one) : Avx.RoundToNearestInteger(sum);
                var ints = Avx.ConvertToVector128Int32WithTruncation(value);
                *(uint*)(dst + x) = Ssse3.Shuffle(ints.AsByte(), pack).AsUInt32().ToScalar();
            }
        }
        return x;
    }

    /// <summary>The y rows' AVX2 loop: the same sums as <see cref="RoundedRowAvx2"/>, then the scalar y formula's operations.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int YRowAvx2(ReadOnlySpan<byte> row, int bands, Terms terms, double yFactor, double scale, double offset,
        Span<float> output)
    {
        if (!Avx2.IsSupported || bands < 3)
            return 0;
        var sums = new PixelSums(bands, terms);
        Vector256<double> factor = Vector256.Create(yFactor), scaleV = Vector256.Create(scale), offsetV = Vector256.Create(offset);
        int x = 0;
        fixed (byte* src = row)
        fixed (float* dst = output)
        {
            for (; x + 4 <= output.Length && x * bands + 16 <= row.Length; x += 4)
            {
                var value = Avx.Multiply(sums.Of(Sse2.LoadVector128(src + x * bands)), factor);
                Sse.Store(dst + x, Avx.ConvertToVector128Single(Avx.Add(Avx.Multiply(value, scaleV), offsetV)));
            }
        }
        return x;
    }

    /// <summary>
    /// The weighted sums of four interleaved 8-bit pixels (16 bytes loaded for their 12 or 16), in the scalar order:
    /// ((start + cr r) + cg g) + cb b, each term the product the tables hold.
    /// </summary>
    private readonly struct PixelSums(int bands, Terms terms)
    {
        private readonly Vector128<byte> _r = BandMask(bands, 0), _g = BandMask(bands, 1), _b = BandMask(bands, 2);
        private readonly Vector256<double> _start = Vector256.Create(terms.Start);
        private readonly Vector256<double> _cr = Vector256.Create(terms.CR), _cg = Vector256.Create(terms.CG), _cb = Vector256.Create(terms.CB);
        private readonly Vector256<double> _divisor = Vector256.Create(terms.Divisor);
        private readonly bool _divide = terms.Divisor != 1.0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<double> Of(Vector128<byte> bytes) =>
            Avx.Add(Avx.Add(Avx.Add(_start,
                    Term(Ssse3.Shuffle(bytes, _r), _cr, _divide, _divisor)),
                    Term(Ssse3.Shuffle(bytes, _g), _cg, _divide, _divisor)),
                    Term(Ssse3.Shuffle(bytes, _b), _cb, _divide, _divisor));
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
