using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;
using Iqa.Gpu.Kernels;
using Iqa.Gpu.Video;

namespace Iqa.Gpu.Metrics.Ssim;

/// <summary>
/// Box-filter downsampling on the CPU (<see cref="DownsampleKernels.BoxDownsample"/>'s MATLAB imfilter 'symmetric'
/// then every f-th pixel): per output row, the f source rows are first summed per column with vectors, then each output
/// adds f neighbouring column sums; symmetric padding is resolved once per row and per border column. On integer samples
/// (<see cref="CpuPlane.Samples"/>) the sums are exact integers and each mean is normalized once,
/// <c>(float)(S / f^2 * scale + offset)</c>: the box mean of the samples as MATLAB's double arithmetic gives it. On floats
/// the sums are taken in double and divided by f^2, as the kernel does, summed in another order (so results can differ
/// from the kernel's in the last bit).
/// </summary>
internal static class BoxDownsampleCpu
{
    public static CpuPlane Apply(CpuPlane src, int f)
    {
        int w = src.Width, h = src.Height;
        int outW = (w + f - 1) / f, outH = (h + f - 1) / f;
        var plane = CpuPlane.Rent(outW, outH);
        var dst = plane.Data;
        var samples = src.Samples;
        bool halve = f == 2 && BoxHalveCpu.Applies(src);
        int chunks = CpuParallel.Parts(outH, 4);
        CpuParallel.For(chunks, chunk =>
        {
            int y0 = CpuParallel.Start(chunk, chunks, outH), y1 = CpuParallel.Start(chunk + 1, chunks, outH);
            // Box sums of 8-bit samples fit 16 bits up to 16 x 16 boxes: twice the lanes per vector.
            if (halve)
                BoxHalveCpu.Rows(src, y0, y1, dst.AsSpan(y0 * outW, (y1 - y0) * outW));
            else if (samples is { SampleBits: 8 } && f <= 16)
                IntegerRows<ushort>(samples, f, y0, y1, dst.AsSpan(y0 * outW, (y1 - y0) * outW));
            else if (samples is not null)
                IntegerRows<int>(samples, f, y0, y1, dst.AsSpan(y0 * outW, (y1 - y0) * outW));
            else
                FloatRows(src, f, y0, y1, dst.AsSpan(y0 * outW, (y1 - y0) * outW));
        });
        return plane;
    }

    /// <summary>
    /// Output rows y0 .. y1 - 1 from integer samples: column sums and sliding box sums in <typeparamref name="T"/> with
    /// vectors, every f-th box picked, then one normalization per output.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void IntegerRows<T>(PlaneRows samples, int f, int y0, int y1, Span<float> dst) where T : unmanaged, IBinaryInteger<T>
    {
        int w = samples.Width, h = samples.Height, outW = (w + f - 1) / f, lo = BoxWindow.Low(f);
        // S / f^2 * scale as one product (the same value when f^2 is a power of two, as for the usual factors 2 and 4).
        double factor = samples.Scale / ((double)f * f), offset = samples.Offset;
        int padded = w + f + Vector<T>.Count;
        T[] buffers = ArrayPool<T>.Shared.Rent(2 * padded + outW);
        byte[] bytes = ArrayPool<byte>.Shared.Rent(w);
        ushort[] words = ArrayPool<ushort>.Shared.Rent(w);
        try
        {
            Span<T> sums = buffers.AsSpan(0, padded), boxes = buffers.AsSpan(padded, padded), picked = buffers.AsSpan(2 * padded, outW);
            for (int oy = y0; oy < y1; oy++)
            {
                sums.Clear();
                for (int d = 0; d < f; d++)
                {
                    int row = BoxWindow.Symmetric(oy * f + lo + d, h);
                    if (typeof(T) == typeof(ushort))
                        AddRow(samples.Bytes(row, bytes), MemoryMarshal.Cast<T, ushort>(sums));
                    else if (samples.SampleBits == 8)
                        AddRow(samples.Bytes(row, bytes), MemoryMarshal.Cast<T, int>(sums));
                    else
                        AddRow(samples.Words(row, words), MemoryMarshal.Cast<T, int>(sums));
                }
                SlidingSums(sums, boxes, w, f);
                Pick(sums[..w], boxes, picked, f, lo);
                var output = dst.Slice((oy - y0) * outW, outW);
                if (typeof(T) == typeof(ushort))
                    SampleConversion.Normalize(MemoryMarshal.Cast<T, ushort>(picked), output, factor, offset);
                else
                    for (int ox = 0; ox < outW; ox++)
                        output[ox] = (float)(double.CreateTruncating(picked[ox]) * factor + offset);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffers);
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<ushort>.Shared.Return(words);
        }
    }

    /// <summary>Output rows y0 .. y1 - 1 from float rows: column and box sums in double, divided by f^2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FloatRows(CpuPlane src, int f, int y0, int y1, Span<float> dst)
    {
        int w = src.Width, h = src.Height, outW = (w + f - 1) / f, lo = BoxWindow.Low(f);
        int padded = w + f + Vector<double>.Count;
        double[] buffers = ArrayPool<double>.Shared.Rent(2 * padded + outW);
        float[] row = ArrayPool<float>.Shared.Rent(w);
        try
        {
            Span<double> sums = buffers.AsSpan(0, padded), boxes = buffers.AsSpan(padded, padded), picked = buffers.AsSpan(2 * padded, outW);
            for (int oy = y0; oy < y1; oy++)
            {
                sums.Clear();
                for (int d = 0; d < f; d++)
                {
                    src.Read(BoxWindow.Symmetric(oy * f + lo + d, h), row);
                    AddRow(row.AsSpan(0, w), sums);
                }
                SlidingSums(sums, boxes, w, f);
                Pick<double>(sums[..w], boxes, picked, f, lo);
                Mean(picked, dst.Slice((oy - y0) * outW, outW), f);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffers);
            ArrayPool<float>.Shared.Return(row);
        }
    }

    /// <summary>
    /// The box means (float)(sum / f^2): where f^2 is a power of two (the factors 2 and 4) dividing is multiplying by its
    /// exact inverse, which vectors do; otherwise one division each.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Mean(ReadOnlySpan<double> sums, Span<float> output, int f)
    {
        int area = f * f, x = 0;
        if ((area & (area - 1)) == 0)
        {
            var inverse = new Vector<double>(1.0 / area);
            ref double s0 = ref MemoryMarshal.GetReference(sums);
            ref float o0 = ref MemoryMarshal.GetReference(output);
            for (int n = Vector<double>.Count; x + 2 * n <= sums.Length; x += 2 * n)
                Vector.Narrow(Vector.LoadUnsafe(ref s0, (nuint)x) * inverse, Vector.LoadUnsafe(ref s0, (nuint)(x + n)) * inverse)
                    .StoreUnsafe(ref o0, (nuint)x);
        }
        for (; x < sums.Length; x++)
            output[x] = (float)(sums[x] / area);
    }

    /// <summary>
    /// boxes[c] = sums[c] + ... + sums[c + f - 1] for every c up to w - f, with vectors, added in column order; the
    /// sums are padded (by f and a vector) with zeros, so the last vector reads past the row harmlessly.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SlidingSums<T>(Span<T> sums, Span<T> boxes, int w, int f) where T : unmanaged, INumber<T>
    {
        ref T s0 = ref MemoryMarshal.GetReference(sums);
        ref T b0 = ref MemoryMarshal.GetReference(boxes);
        for (nuint c = 0; c + (nuint)f <= (nuint)w; c += (nuint)Vector<T>.Count)
        {
            var sum = Vector.LoadUnsafe(ref s0, c);
            for (int d = 1; d < f; d++)
                sum += Vector.LoadUnsafe(ref s0, c + (nuint)d);
            sum.StoreUnsafe(ref b0, c);
        }
    }

    /// <summary>
    /// The box sum of every output column: every f-th sliding sum from the first column <paramref name="lo"/>, the box
    /// mirrored at the borders.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Pick<T>(ReadOnlySpan<T> sums, ReadOnlySpan<T> boxes, Span<T> picked, int f, int lo) where T : unmanaged, INumber<T>
    {
        // Interior boxes start at or after column 0 (only the first can start before: -f < lo <= 0) and end by column w.
        int w = sums.Length, first = lo < 0 ? 1 : 0, inside = w - f - lo;
        int end = inside < 0 ? first : Math.Clamp(inside / f + 1, first, picked.Length);
        for (int ox = 0; ox < first; ox++)
            picked[ox] = MirroredSum(sums, ox * f + lo, f);
        ref T box = ref Unsafe.Add(ref MemoryMarshal.GetReference(boxes), first * f + lo);
        ref T pick = ref MemoryMarshal.GetReference(picked);
        int done = typeof(T) == typeof(ushort)
            ? EveryOther(ref Unsafe.As<T, ushort>(ref box), ref Unsafe.As<T, ushort>(ref Unsafe.Add(ref pick, first)), end - first, f)
            : 0;
        for (int ox = first + done; ox < end; ox++)
            Unsafe.Add(ref pick, ox) = Unsafe.Add(ref box, (ox - first) * f);
        for (int ox = end; ox < picked.Length; ox++)
            picked[ox] = MirroredSum(sums, ox * f + lo, f);
    }

    /// <summary>
    /// Every 2nd or 4th of 16-bit sums (f = 2 or 4, the factors of MS-SSIM and of 1080p frames) with vectors: the low
    /// 16 bits of each 32- or 64-bit lane. Returns the picks done (0 for other factors); the caller does the rest.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int EveryOther(ref ushort boxes, ref ushort picked, int count, int f)
    {
        int step = Vector<ushort>.Count, done = 0;
        if (f == 2)
            for (ref uint pairs = ref Unsafe.As<ushort, uint>(ref boxes); done + step <= count; done += step)
                Vector.Narrow(Vector.LoadUnsafe(ref pairs, (nuint)done), Vector.LoadUnsafe(ref pairs, (nuint)(done + step / 2)))
                    .StoreUnsafe(ref picked, (nuint)done);
        else if (f == 4)
            for (ref ulong quads = ref Unsafe.As<ushort, ulong>(ref boxes); done + step <= count; done += step)
            {
                int quarter = step / 4;
                var low = Vector.Narrow(Vector.LoadUnsafe(ref quads, (nuint)done),
                    Vector.LoadUnsafe(ref quads, (nuint)(done + quarter)));
                var high = Vector.Narrow(Vector.LoadUnsafe(ref quads, (nuint)(done + 2 * quarter)),
                    Vector.LoadUnsafe(ref quads, (nuint)(done + 3 * quarter)));
                Vector.Narrow(low, high).StoreUnsafe(ref picked, (nuint)done);
            }
        return done;
    }

    /// <summary>Sum of the f column sums from <paramref name="c0"/>, the columns outside the row mirrored.</summary>
    private static T MirroredSum<T>(ReadOnlySpan<T> sums, int c0, int f) where T : unmanaged, INumber<T>
    {
        T sum = T.Zero;
        for (int d = 0; d < f; d++)
            sum += sums[BoxWindow.Symmetric(c0 + d, sums.Length)];
        return sum;
    }

    /// <summary>sums[x] += row[x], bytes widened to 16 bits with vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRow(ReadOnlySpan<byte> row, Span<ushort> sums)
    {
        var rows = MemoryMarshal.Cast<byte, Vector<byte>>(row);
        var vectors = MemoryMarshal.Cast<ushort, Vector<ushort>>(sums);
        for (int v = 0; v < rows.Length; v++)
        {
            Vector.Widen(rows[v], out var low, out var high);
            vectors[2 * v] += low;
            vectors[2 * v + 1] += high;
        }
        for (int x = rows.Length * Vector<byte>.Count; x < row.Length; x++)
            sums[x] += row[x];
    }

    /// <summary>sums[x] += row[x], bytes widened to ints with vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRow(ReadOnlySpan<byte> row, Span<int> sums)
    {
        var rows = MemoryMarshal.Cast<byte, Vector<byte>>(row);
        var vectors = MemoryMarshal.Cast<int, Vector<int>>(sums);
        for (int v = 0; v < rows.Length; v++)
        {
            Vector.Widen(rows[v], out var low, out var high);
            Vector.Widen(low, out var a, out var b);
            Vector.Widen(high, out var c, out var d);
            vectors[4 * v] += Vector.AsVectorInt32(a);
            vectors[4 * v + 1] += Vector.AsVectorInt32(b);
            vectors[4 * v + 2] += Vector.AsVectorInt32(c);
            vectors[4 * v + 3] += Vector.AsVectorInt32(d);
        }
        for (int x = rows.Length * Vector<byte>.Count; x < row.Length; x++)
            sums[x] += row[x];
    }

    /// <summary>sums[x] += row[x], words widened to ints with vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRow(ReadOnlySpan<ushort> row, Span<int> sums)
    {
        var rows = MemoryMarshal.Cast<ushort, Vector<ushort>>(row);
        var vectors = MemoryMarshal.Cast<int, Vector<int>>(sums);
        for (int v = 0; v < rows.Length; v++)
        {
            Vector.Widen(rows[v], out var low, out var high);
            vectors[2 * v] += Vector.AsVectorInt32(low);
            vectors[2 * v + 1] += Vector.AsVectorInt32(high);
        }
        for (int x = rows.Length * Vector<ushort>.Count; x < row.Length; x++)
            sums[x] += row[x];
    }

    /// <summary>sums[x] += row[x] in double, floats widened with vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRow(ReadOnlySpan<float> row, Span<double> sums)
    {
        var rows = MemoryMarshal.Cast<float, Vector<float>>(row);
        var vectors = MemoryMarshal.Cast<double, Vector<double>>(sums);
        for (int v = 0; v < rows.Length; v++)
        {
            Vector.Widen(rows[v], out var low, out var high);
            vectors[2 * v] += low;
            vectors[2 * v + 1] += high;
        }
        for (int x = rows.Length * Vector<float>.Count; x < row.Length; x++)
            sums[x] += row[x];
    }
}
