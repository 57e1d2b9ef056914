using System.Numerics;

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
    /// Lab of <paramref name="count"/> pixels whose expanded R, G, B are <c>table[r[i]]</c>, ...; each of L, a, b is
    /// multiplied by <paramref name="scale"/> (slic's <c>image * ratio</c>; pass 1 for plain Lab). <paramref name="work"/>
    /// holds at least 6 × count doubles.
    /// </summary>
    public static void Convert(double[] table, ReadOnlySpan<int> r, ReadOnlySpan<int> g, ReadOnlySpan<int> b, double scale,
        Span<double> l, Span<double> a, Span<double> bOut, Span<double> work)
    {
        int n = r.Length;
        var t = work[..(3 * n)];
        var f = work.Slice(3 * n, 3 * n);
        for (int i = 0; i < n; i++)
        {
            double lr = table[r[i]], lg = table[g[i]], lb = table[b[i]];
            t[i] = (lr * M00 + lg * M01 + lb * M02) / WhiteX;
            t[n + i] = (lr * M10 + lg * M11 + lb * M12) / WhiteY;
            t[2 * n + i] = (lr * M20 + lg * M21 + lb * M22) / WhiteZ;
        }
        NumpyMath.Cbrt(t, f);
        for (int i = 0; i < 3 * n; i++)
            if (!(t[i] > Epsilon))
                f[i] = Kappa * t[i] + Offset;
        for (int i = 0; i < n; i++)
        {
            double fx = f[i], fy = f[n + i], fz = f[2 * n + i];
            l[i] = (116.0 * fy - 16.0) * scale;
            a[i] = (500.0 * (fx - fy)) * scale;
            bOut[i] = (200.0 * (fy - fz)) * scale;
        }
    }
}
