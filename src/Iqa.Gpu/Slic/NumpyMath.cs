using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Iqa.Gpu.Slic;

/// <summary>
/// <c>np.power</c> and <c>np.cbrt</c> on float64 arrays as numpy 1.24 computes them on this CPU: Intel SVML
/// (<see cref="SvmlAvx512"/>) where numpy dispatches to its AVX512_SKX loops, the C library's pow and cbrt
/// (<see cref="Math.Pow"/>, <see cref="Math.Cbrt"/>) elsewhere.
/// </summary>
internal static class NumpyMath
{
    private const int Lanes = 8;

    /// <summary><c>np.power(x, exponent)</c> for positive normal x (the domain of <see cref="SvmlAvx512.Pow"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Power(ReadOnlySpan<double> x, double exponent, Span<double> result)
    {
        if (!SvmlAvx512.IsSupported)
        {
            for (int i = 0; i < x.Length; i++)
                result[i] = Math.Pow(x[i], exponent);
            return;
        }
        var y = Vector512.Create(exponent);
        Map(x, result, 1.0, v => SvmlAvx512.Pow(v, y));
    }

    /// <summary>
    /// <c>np.cbrt(x)</c> for every element; a caller that keeps only the results for x above some positive threshold
    /// (rgb2lab's masked cbrt) may pass any finite values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Cbrt(ReadOnlySpan<double> x, Span<double> result)
    {
        if (!SvmlAvx512.IsSupported)
        {
            for (int j = 0; j < x.Length; j++)
                result[j] = Math.Cbrt(x[j]);
            return;
        }
        ref double src = ref MemoryMarshal.GetReference(x);
        ref double dst = ref MemoryMarshal.GetReference(result);
        int i = 0;
        for (; i + Lanes <= x.Length; i += Lanes)
            SvmlAvx512.Cbrt(Vector512.LoadUnsafe(ref src, (nuint)i)).StoreUnsafe(ref dst, (nuint)i);
        if (i < x.Length)
            Map(x[i..], result[i..], 0.0, SvmlAvx512.Cbrt);
    }

    /// <summary>Eight lanes at a time; the tail is padded with <paramref name="fill"/>, as numpy's <c>load_till</c> does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Map(ReadOnlySpan<double> x, Span<double> result, double fill, Func<Vector512<double>, Vector512<double>> f)
    {
        ref double src = ref MemoryMarshal.GetReference(x);
        ref double dst = ref MemoryMarshal.GetReference(result);
        int i = 0;
        for (; i + Lanes <= x.Length; i += Lanes)
            f(Vector512.LoadUnsafe(ref src, (nuint)i)).StoreUnsafe(ref dst, (nuint)i);
        if (i < x.Length)
        {
            Span<double> tail = stackalloc double[Lanes];
            tail.Fill(fill);
            x[i..].CopyTo(tail);
            var r = f(Vector512.Create((ReadOnlySpan<double>)tail));
            for (int l = 0; i + l < x.Length; l++)
                result[i + l] = r[l];
        }
    }
}
