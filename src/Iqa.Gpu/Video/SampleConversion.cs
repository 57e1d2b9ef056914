using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Iqa.Gpu.Video;

/// <summary>
/// Integer samples to float32 as every input is normalized (<see cref="Images.ISampleSource.ToPlanes"/>):
/// <c>(float)(value * scale + offset)</c>, the product and the sum rounded in double (never fused), then one rounding to
/// float. The vector loops (AVX-512, AVX) do the same IEEE operations lane by lane as the scalar tail, and 8-bit samples
/// with AVX-512 VBMI look up a table of the formula's values (<see cref="ByteLookup"/>), so a plane converted whole, row
/// by row or in any split is the same bit for bit on every machine.
/// </summary>
internal static class SampleConversion
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Normalize(ReadOnlySpan<byte> source, Span<float> destination, double scale, double offset)
    {
        CheckLengths(source.Length, destination.Length);
        int i = 0, n = source.Length;
        fixed (byte* s = source)
        fixed (float* d = destination)
        {
            i = ByteLookup.Normalize(s, d, n, scale, offset);
            if (Avx512F.IsSupported)
            {
                Vector512<double> sv = Vector512.Create(scale), ov = Vector512.Create(offset);
                for (; i <= n - 16; i += 16)
                {
                    var ints = Avx512F.ConvertToVector512Int32(Sse2.LoadVector128(s + i));
                    Avx.Store(d + i, Convert8(ints.GetLower(), sv, ov));
                    Avx.Store(d + i + 8, Convert8(ints.GetUpper(), sv, ov));
                }
            }
            else if (Avx2.IsSupported)
            {
                Vector256<double> sv = Vector256.Create(scale), ov = Vector256.Create(offset);
                for (; i <= n - 8; i += 8)
                {
                    var ints = Avx2.ConvertToVector256Int32(Sse2.LoadScalarVector128((ulong*)(s + i)).AsByte());
                    Sse.Store(d + i, Convert4(ints.GetLower(), sv, ov));
                    Sse.Store(d + i + 4, Convert4(ints.GetUpper(), sv, ov));
                }
            }
            for (; i < n; i++)
                d[i] = (float)(s[i] * scale + offset);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Normalize(ReadOnlySpan<ushort> source, Span<float> destination, double scale, double offset)
    {
        CheckLengths(source.Length, destination.Length);
        int i = 0, n = source.Length;
        fixed (ushort* s = source)
        fixed (float* d = destination)
        {
            if (Avx512F.IsSupported)
            {
                Vector512<double> sv = Vector512.Create(scale), ov = Vector512.Create(offset);
                for (; i <= n - 16; i += 16)
                {
                    var ints = Avx512F.ConvertToVector512Int32(Avx.LoadVector256(s + i));
                    Avx.Store(d + i, Convert8(ints.GetLower(), sv, ov));
                    Avx.Store(d + i + 8, Convert8(ints.GetUpper(), sv, ov));
                }
            }
            else if (Avx2.IsSupported)
            {
                Vector256<double> sv = Vector256.Create(scale), ov = Vector256.Create(offset);
                for (; i <= n - 8; i += 8)
                {
                    var ints = Avx2.ConvertToVector256Int32(Sse2.LoadVector128(s + i));
                    Sse.Store(d + i, Convert4(ints.GetLower(), sv, ov));
                    Sse.Store(d + i + 4, Convert4(ints.GetUpper(), sv, ov));
                }
            }
            for (; i < n; i++)
                d[i] = (float)(s[i] * scale + offset);
        }
    }

    /// <summary>Eight samples: exact int-to-double, multiply, add (two double roundings), narrow to float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Convert8(Vector256<int> samples, Vector512<double> scale, Vector512<double> offset) =>
        Avx512F.ConvertToVector256Single(Avx512F.Add(Avx512F.Multiply(Avx512F.ConvertToVector512Double(samples), scale), offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Convert4(Vector128<int> samples, Vector256<double> scale, Vector256<double> offset) =>
        Avx.ConvertToVector128Single(Avx.Add(Avx.Multiply(Avx.ConvertToVector256Double(samples), scale), offset));

    private static void CheckLengths(int source, int destination)
    {
        if (source != destination)
            throw new ArgumentException($"{source} samples do not fit a destination of {destination}");
    }
}
