using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;

namespace Iqa.Gpu.Metrics.Psnr;

/// <summary>
/// PSNR's squared error on the CPU, per row, rows summed in order (deterministic). Two planes of integer samples
/// normalized alike (<see cref="CpuPlane.Samples"/>) are compared exactly: the integer sum of (a - b)^2, times
/// scale^2 once. Otherwise the normalized rows are compared in double with vectors.
/// </summary>
internal sealed class PsnrCpu : IPsnrOperations
{
    /// <summary>Compiles the kernel on a small pair of samples while the caller reads its inputs.</summary>
    public PsnrCpu() => CpuWarmup.Start(() =>
    {
        var (x, y) = CpuWarmup.Planes();
        SumSquaredError(x, y);
    });

    public double SumSquaredError(IDevicePlane xPlane, IDevicePlane yPlane)
    {
        CpuPlane x = CpuPlane.Of(xPlane), y = CpuPlane.Of(yPlane);
        int h = x.Height;
        var rows = new double[h];
        var (a, b) = (x.Samples, y.Samples);
        bool integer = a is not null && b is not null && a.SampleBits == b.SampleBits && a.Scale == b.Scale && a.Offset == b.Offset;
        int chunks = CpuParallel.Parts(h, 4);
        CpuParallel.For(chunks, chunk =>
        {
            int r0 = CpuParallel.Start(chunk, chunks, h), r1 = CpuParallel.Start(chunk + 1, chunks, h);
            if (integer)
                IntegerRows(a!, b!, r0, r1, rows);
            else
                FloatRows(x, y, r0, r1, rows);
        });
        double total = 0;
        foreach (double s in rows)
            total += s;
        return integer ? total * a!.Scale * a.Scale : total;
    }

    /// <summary>Rows r0 .. r1 - 1 of two sample planes: sum of (a - b)^2 per row, exact in a long.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void IntegerRows(PlaneRows x, PlaneRows y, int r0, int r1, double[] rows)
    {
        int w = x.Width;
        ushort[] buffers = ArrayPool<ushort>.Shared.Rent(2 * w);
        try
        {
            var bytes = MemoryMarshal.AsBytes(buffers.AsSpan());
            for (int r = r0; r < r1; r++)
                rows[r] = x.SampleBits == 8
                    ? SquaredError(x.Bytes(r, bytes[..w]), y.Bytes(r, bytes.Slice(w, w)))
                    : SquaredError(x.Words(r, buffers.AsSpan(0, w)), y.Words(r, buffers.AsSpan(w, w)));
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(buffers);
        }
    }

    /// <summary>
    /// Sum of (a - b)^2 over 8-bit rows: differences in 16-bit lanes, squared and added in pairs into 32-bit lanes
    /// (pmaddwd), emptied into the long before a lane could overflow.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe long SquaredError(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        // A lane gains at most 2 * 255^2 per step: 8192 steps stay below 2^31.
        const int Flush = 8192;
        long total = 0;
        int i = 0, n = a.Length;
        fixed (byte* pa = a, pb = b)
        {
            if (Avx512BW.IsSupported)
            {
                Vector512<int> acc = default;
                for (int step = 0; i <= n - 32; i += 32)
                {
                    var d = Avx512BW.Subtract(Avx512BW.ConvertToVector512Int16(Avx.LoadVector256(pa + i)),
                        Avx512BW.ConvertToVector512Int16(Avx.LoadVector256(pb + i)));
                    acc = Avx512F.Add(acc, Avx512BW.MultiplyAddAdjacent(d, d));
                    if (++step == Flush)
                    {
                        total += Sum(acc);
                        (acc, step) = (default, 0);
                    }
                }
                total += Sum(acc);
            }
            else if (Avx2.IsSupported)
            {
                Vector256<int> acc = default;
                for (int step = 0; i <= n - 16; i += 16)
                {
                    var d = Avx2.Subtract(Avx2.ConvertToVector256Int16(Sse2.LoadVector128(pa + i)),
                        Avx2.ConvertToVector256Int16(Sse2.LoadVector128(pb + i)));
                    acc = Avx2.Add(acc, Avx2.MultiplyAddAdjacent(d, d));
                    if (++step == Flush)
                    {
                        total += Sum(acc);
                        (acc, step) = (default, 0);
                    }
                }
                total += Sum(acc);
            }
            for (; i < n; i++)
            {
                int d = pa[i] - pb[i];
                total += d * d;
            }
        }
        return total;
    }

    private static long Sum(Vector512<int> acc)
    {
        var (low, high) = Vector512.Widen(acc);
        return Vector512.Sum(low + high);
    }

    private static long Sum(Vector256<int> acc)
    {
        var (low, high) = Vector256.Widen(acc);
        return Vector256.Sum(low + high);
    }

    /// <summary>Sum of (a - b)^2 over 9- to 16-bit rows, each square in 64 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long SquaredError(ReadOnlySpan<ushort> a, ReadOnlySpan<ushort> b)
    {
        var va = MemoryMarshal.Cast<ushort, Vector<ushort>>(a);
        var vb = MemoryMarshal.Cast<ushort, Vector<ushort>>(b);
        Vector<long> acc = default;
        for (int v = 0; v < va.Length; v++)
        {
            Vector.Widen(va[v], out var al, out var ah);
            Vector.Widen(vb[v], out var bl, out var bh);
            Vector.Widen(Vector.AsVectorInt32(al) - Vector.AsVectorInt32(bl), out var d0, out var d1);
            Vector.Widen(Vector.AsVectorInt32(ah) - Vector.AsVectorInt32(bh), out var d2, out var d3);
            acc += d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3;
        }
        long total = Vector.Sum(acc);
        for (int i = va.Length * Vector<ushort>.Count; i < a.Length; i++)
        {
            long d = a[i] - b[i];
            total += d * d;
        }
        return total;
    }

    /// <summary>Rows r0 .. r1 - 1 of normalized rows: sum of (x - y)^2 in double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FloatRows(CpuPlane x, CpuPlane y, int r0, int r1, double[] rows)
    {
        int w = x.Width;
        float[] buffers = ArrayPool<float>.Shared.Rent(2 * w);
        try
        {
            Span<float> a = buffers.AsSpan(0, w), b = buffers.AsSpan(w, w);
            for (int r = r0; r < r1; r++)
            {
                x.Read(r, a);
                y.Read(r, b);
                rows[r] = SquaredError(a, b);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffers);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SquaredError(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        ref float a0 = ref MemoryMarshal.GetReference(a);
        ref float b0 = ref MemoryMarshal.GetReference(b);
        int vw = Vector<float>.Count, c = 0;
        Vector<double> acc = default;
        for (; c <= a.Length - vw; c += vw)
        {
            Vector.Widen(Vector.LoadUnsafe(ref a0, (nuint)c), out var alo, out var ahi);
            Vector.Widen(Vector.LoadUnsafe(ref b0, (nuint)c), out var blo, out var bhi);
            var dlo = alo - blo;
            var dhi = ahi - bhi;
            acc += dlo * dlo + dhi * dhi;
        }
        double sum = Vector.Sum(acc);
        for (; c < a.Length; c++)
        {
            double d = (double)a[c] - b[c];
            sum += d * d;
        }
        return sum;
    }
}
