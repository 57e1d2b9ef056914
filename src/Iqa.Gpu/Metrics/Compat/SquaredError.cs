using System.Numerics;
using Iqa.Gpu.Devices;

namespace Iqa.Gpu.Metrics.Compat;

/// <summary>
/// The sum of squared differences of two planes, exact in integers, as both libvmaf's psnr (feature/integer_psnr.c)
/// and FFmpeg's psnr filter (sse_line_8bit / sse_line_16bit in libavfilter/vf_psnr.c) take it. Both sum an 8-bit
/// row in a 32-bit unsigned integer, which wraps for rows wider than 66052 samples of maximal error; so does this.
/// </summary>
internal static class SquaredError
{
    public static ulong Sum(SamplePlane a, SamplePlane b)
    {
        int bitDepth = a.BitDepth;
        return PinnedPlane.With(a, b, (pa, pb) =>
        {
            int h = pa.Height, bands = CpuParallel.Parts(h, 2);
            var partial = new ulong[bands];
            CpuParallel.For(bands, band =>
            {
                ulong sum = 0;
                for (int y = CpuParallel.Start(band, bands, h), end = CpuParallel.Start(band + 1, bands, h); y < end; y++)
                    sum += bitDepth == 8 ? ByteRow(pa.ByteRow(y), pb.ByteRow(y)) : WordRow(pa.WordRow(y), pb.WordRow(y));
                partial[band] = sum;
            });
            ulong total = 0;
            foreach (ulong p in partial)
                total += p;
            return total;
        });
    }

    /// <summary>One 8-bit row, modulo 2^32 as the C code's unsigned row sum.</summary>
    private static uint ByteRow(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int vb = Vector<byte>.Count, i = 0;
        var acc = Vector<uint>.Zero;
        for (; i <= a.Length - vb; i += vb)
        {
            Vector.Widen(new Vector<byte>(a[i..]), out var a0, out var a1);
            Vector.Widen(new Vector<byte>(b[i..]), out var b0, out var b1);
            acc += SquaredDifference(a0, b0) + SquaredDifference(a1, b1);
        }
        uint sum = Vector.Sum(acc);
        for (; i < a.Length; i++)
        {
            int e = a[i] - b[i];
            sum += (uint)(e * e);
        }
        return sum;
    }

    /// <summary>Squares of the differences of 16-bit lanes, summed pairwise into 32-bit lanes (at most 2 x 255^2 each).</summary>
    private static Vector<uint> SquaredDifference(Vector<ushort> a, Vector<ushort> b)
    {
        var d = Vector.Max(a, b) - Vector.Min(a, b);
        Vector.Widen(d * d, out var low, out var high);
        return low + high;
    }

    /// <summary>One row of 9- to 16-bit samples; each square fits 32 bits, the sum is taken in 64.</summary>
    private static ulong WordRow(ReadOnlySpan<ushort> a, ReadOnlySpan<ushort> b)
    {
        int vw = Vector<ushort>.Count, i = 0;
        var acc = Vector<ulong>.Zero;
        for (; i <= a.Length - vw; i += vw)
        {
            var va = new Vector<ushort>(a[i..]);
            var vb = new Vector<ushort>(b[i..]);
            Vector.Widen(Vector.Max(va, vb) - Vector.Min(va, vb), out var d0, out var d1);
            Vector.Widen(d0 * d0, out var s0, out var s1);
            Vector.Widen(d1 * d1, out var s2, out var s3);
            acc += s0 + s1 + s2 + s3;
        }
        ulong sum = Vector.Sum(acc);
        for (; i < a.Length; i++)
        {
            uint e = (uint)Math.Abs(a[i] - b[i]);
            sum += e * e;
        }
        return sum;
    }
}
