using System.Numerics;
using System.Runtime.CompilerServices;

namespace Iqa.Gpu.Slic;

/// <summary>
/// <c>skimage.color.rgb2lab(rgb)</c> of scikit-image 0.19.3 (skimage/color/colorconv.py: rgb2xyz then xyz2lab,
/// D65 illuminant, 2° observer) on float64 RGB in [0, 1], with the same operations in the same order, so that the
/// result is bit-identical: sRGB expansion <c>((c + 0.055) / 1.055) ** 2.4</c> above 0.04045, else <c>c / 12.92</c>;
/// <c>arr @ xyz_from_rgb.T</c> summed over R, G, B in that order (netlib BLAS and numpy's own matmul loop both
/// accumulate from 0 in index order, without fused multiply-adds); division by the white point; <c>np.cbrt</c>
/// above 0.008856, else <c>7.787 t + 16/116</c>; then L = 116 y − 16, a = 500 (x − y), b = 200 (y − z).
/// Inputs come from integer samples, so the expansion is a table over the sample values.
/// </summary>
internal static class SkimageLab
{
    private const double M00 = 0.412453, M01 = 0.357580, M02 = 0.180423;
    private const double M10 = 0.212671, M11 = 0.715160, M12 = 0.072169;
    private const double M20 = 0.019334, M21 = 0.119193, M22 = 0.950227;
    private const double WhiteX = 0.95047, WhiteY = 1.0, WhiteZ = 1.08883;
    private const double Epsilon = 0.008856;
    private const double Kappa = 7.787;
    private const double Offset = 16.0 / 116.0;

    /// <summary>The sRGB expansion of rgb2xyz for each value (one table entry per possible sample value).</summary>
    public static double[] Expand(ReadOnlySpan<double> values)
    {
        var result = new double[values.Length];
        var above = new List<int>();
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] > 0.04045)
                above.Add(i);
            else
                result[i] = values[i] / 12.92;
        }
        // np.power runs on the masked elements only: the same per-element results, whatever their grouping.
        var bases = new double[above.Count];
        for (int j = 0; j < bases.Length; j++)
            bases[j] = (values[above[j]] + 0.055) / 1.055;
        var powers = new double[bases.Length];
        NumpyMath.Power(bases, 2.4, powers);
        for (int j = 0; j < bases.Length; j++)
            result[above[j]] = powers[j];
        return result;
    }

    /// <summary>
    /// The products <c>table[v] * M[row][column]</c> of the matrix product for every sample value v, laid out as
    /// <c>[(row * 3 + column) * levels + v]</c>: the same double products the matrix product forms per pixel.
    /// </summary>
    public static double[] Products(double[] expanded)
    {
        double[] m = [M00, M01, M02, M10, M11, M12, M20, M21, M22];
        int levels = expanded.Length;
        var products = new double[9 * levels];
        for (int e = 0; e < 9; e++)
            for (int v = 0; v < levels; v++)
                products[e * levels + v] = expanded[v] * m[e];
        return products;
    }

    /// <summary>
    /// Lab of one row of pixels with samples <paramref name="r"/>, <paramref name="g"/>, <paramref name="b"/>, each of
    /// L, a, b multiplied by <paramref name="scale"/> (slic's <c>image * ratio</c>; 1 for plain Lab).
    /// <paramref name="products"/> comes from <see cref="Products"/>; <paramref name="work"/> holds 6 × r.Length doubles.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Convert(double[] products, ReadOnlySpan<int> r, ReadOnlySpan<int> g, ReadOnlySpan<int> b, double scale,
        Span<double> lOut, Span<double> aOut, Span<double> bOut, Span<double> work)
    {
        int n = r.Length, levels = products.Length / 9;
        var t = work[..(3 * n)];
        var f = work.Slice(3 * n, 3 * n);
        var tx = t[..n];
        var ty = t.Slice(n, n);
        var tz = t.Slice(2 * n, n);
        ReadOnlySpan<double> p = products;
        for (int j = 0; j < n; j++)
        {
            int ri = r[j], gi = g[j] + levels, bi = b[j] + 2 * levels;
            tx[j] = p[ri] + p[gi] + p[bi];
            ty[j] = p[3 * levels + ri] + p[3 * levels + gi] + p[3 * levels + bi];
            tz[j] = p[6 * levels + ri] + p[6 * levels + gi] + p[6 * levels + bi];
        }
        // Division by the white point; Y's is 1, an exact no-op.
        Divide(tx, WhiteX);
        Divide(tz, WhiteZ);
        NumpyMath.Cbrt(t, f);
        int i3 = 0;
        var eps = new Vector<double>(Epsilon);
        var kappa = new Vector<double>(Kappa);
        var offset = new Vector<double>(Offset);
        for (; i3 + Vector<double>.Count <= 3 * n; i3 += Vector<double>.Count)
        {
            var tv = new Vector<double>(t[i3..]);
            Vector.ConditionalSelect(Vector.GreaterThan(tv, eps), new Vector<double>(f[i3..]), kappa * tv + offset).CopyTo(f[i3..]);
        }
        for (; i3 < 3 * n; i3++)
            if (!(t[i3] > Epsilon))
                f[i3] = Kappa * t[i3] + Offset;
        var fx = f[..n];
        var fy = f.Slice(n, n);
        var fz = f.Slice(2 * n, n);
        int i = 0;
        var s = new Vector<double>(scale);
        for (; i + Vector<double>.Count <= n; i += Vector<double>.Count)
        {
            var x = new Vector<double>(fx[i..]);
            var y = new Vector<double>(fy[i..]);
            var z = new Vector<double>(fz[i..]);
            ((new Vector<double>(116.0) * y - new Vector<double>(16.0)) * s).CopyTo(lOut[i..]);
            ((new Vector<double>(500.0) * (x - y)) * s).CopyTo(aOut[i..]);
            ((new Vector<double>(200.0) * (y - z)) * s).CopyTo(bOut[i..]);
        }
        for (; i < n; i++)
        {
            lOut[i] = (116.0 * fy[i] - 16.0) * scale;
            aOut[i] = (500.0 * (fx[i] - fy[i])) * scale;
            bOut[i] = (200.0 * (fy[i] - fz[i])) * scale;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Divide(Span<double> values, double divisor)
    {
        int i = 0;
        var d = new Vector<double>(divisor);
        for (; i + Vector<double>.Count <= values.Length; i += Vector<double>.Count)
            (new Vector<double>(values[i..]) / d).CopyTo(values[i..]);
        for (; i < values.Length; i++)
            values[i] /= divisor;
    }
}
