using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;
using Iqa.Gpu.Kernels;
using Iqa.Gpu.Video;

namespace Iqa.Gpu.Metrics.Ssim;

/// <summary>
/// <see cref="BoxDownsampleCpu"/> for f = 2 (MS-SSIM's step between scales) on 512-bit vectors, in one pass over the two
/// source rows of each output row: adjacent pairs are added within the vectors instead of through column-sum and
/// sliding-sum rows, and a stored plane's rows are read in place. Every value is the same, bit for bit, as the general
/// path's: on 8-bit samples the exact integer sums normalized once (<c>(float)(S * scale / 4 + offset)</c>); on floats
/// (x[c] + y[c]) + (x[c + 1] + y[c + 1]) in double (the column sums, then the box sum, in the general path's order) times
/// the exact 1/4. A box past the last row or column mirrors it (f = 2 boxes start at their output's first pixel).
/// </summary>
internal static class BoxHalveCpu
{
    /// <summary>Whether <see cref="Rows"/> runs for <paramref name="source"/>: 8-bit samples or a stored float plane, on AVX-512.</summary>
    public static bool Applies(CpuPlane source) =>
        Avx512BW.IsSupported && (source.Samples is { SampleBits: 8 } || source.Rows is null);

    /// <summary>Output rows <paramref name="y0"/> .. <paramref name="y1"/> - 1 into <paramref name="dst"/> (rows of (w + 1) / 2).</summary>
    public static void Rows(CpuPlane source, int y0, int y1, Span<float> dst)
    {
        if (source.Samples is { SampleBits: 8 } samples)
            IntegerRows(samples, y0, y1, dst);
        else
            FloatRows(source, y0, y1, dst);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void IntegerRows(PlaneRows samples, int y0, int y1, Span<float> dst)
    {
        int w = samples.Width, h = samples.Height, outW = (w + 1) / 2;
        // S / 4 * scale as one product: the same value as the general path's (4 is a power of two).
        double factor = samples.Scale / 4, offset = samples.Offset;
        byte[] buffers = ArrayPool<byte>.Shared.Rent(2 * w);
        ushort[] sums = ArrayPool<ushort>.Shared.Rent(outW);
        var ones = Vector512.Create((sbyte)1);
        try
        {
            for (int oy = y0; oy < y1; oy++)
            {
                var a = samples.Bytes(2 * oy, buffers.AsSpan(0, w));
                var b = samples.Bytes(BoxWindow.Symmetric(2 * oy + 1, h), buffers.AsSpan(w, w));
                ref byte a0 = ref MemoryMarshal.GetReference(a);
                ref byte b0 = ref MemoryMarshal.GetReference(b);
                ref ushort s0 = ref sums[0];
                int ox = 0;
                // vpmaddubsw by ones: each 16-bit lane the sum of two adjacent bytes.
                for (; 2 * ox + Vector512<byte>.Count <= w; ox += Vector512<short>.Count)
                {
                    var pa = Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref a0, (nuint)(2 * ox)), ones);
                    var pb = Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref b0, (nuint)(2 * ox)), ones);
                    (pa + pb).AsUInt16().StoreUnsafe(ref s0, (nuint)ox);
                }
                for (; ox < outW; ox++)
                {
                    int c1 = BoxWindow.Symmetric(2 * ox + 1, w);
                    sums[ox] = (ushort)(a[2 * ox] + a[c1] + b[2 * ox] + b[c1]);
                }
                SampleConversion.Normalize(sums.AsSpan(0, outW), dst.Slice((oy - y0) * outW, outW), factor, offset);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffers);
            ArrayPool<ushort>.Shared.Return(sums);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FloatRows(CpuPlane source, int y0, int y1, Span<float> dst)
    {
        int w = source.Width, h = source.Height, outW = (w + 1) / 2;
        float[] data = source.Data;
        var evens = Vector512.Create(0L, 2, 4, 6, 8, 10, 12, 14);
        var odds = Vector512.Create(1L, 3, 5, 7, 9, 11, 13, 15);
        var quarter = Vector512.Create(0.25);
        for (int oy = y0; oy < y1; oy++)
        {
            var a = data.AsSpan(2 * oy * w, w);
            var b = data.AsSpan(BoxWindow.Symmetric(2 * oy + 1, h) * w, w);
            var output = dst.Slice((oy - y0) * outW, outW);
            ref float a0 = ref MemoryMarshal.GetReference(a);
            ref float b0 = ref MemoryMarshal.GetReference(b);
            ref float o0 = ref MemoryMarshal.GetReference(output);
            int ox = 0;
            for (int n = Vector512<float>.Count; 2 * ox + n <= w; ox += n / 2)
            {
                var (aLow, aHigh) = Vector512.Widen(Vector512.LoadUnsafe(ref a0, (nuint)(2 * ox)));
                var (bLow, bHigh) = Vector512.Widen(Vector512.LoadUnsafe(ref b0, (nuint)(2 * ox)));
                Vector512<double> low = aLow + bLow, high = aHigh + bHigh;
                var boxes = Avx512F.PermuteVar8x64x2(low, evens, high) + Avx512F.PermuteVar8x64x2(low, odds, high);
                Avx512F.ConvertToVector256Single(boxes * quarter).StoreUnsafe(ref o0, (nuint)ox);
            }
            for (; ox < outW; ox++)
            {
                int c1 = BoxWindow.Symmetric(2 * ox + 1, w);
                output[ox] = (float)(((double)a[2 * ox] + b[2 * ox] + ((double)a[c1] + b[c1])) / 4);
            }
        }
    }
}
