using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Iqa.Gpu.Devices;

namespace Iqa.Gpu.Metrics.Compat;

/// <summary>
/// libvmaf's _iqa_ssim with default arguments (feature/iqa/ssim_tools.c), the per-scale SSIM of float_ssim and
/// float_ms_ssim, in its float32/double arithmetic:
/// <list type="bullet">
/// <item>means and second moments by _iqa_convolve's separable path (IQA_CONVOLVE_1D): the 11-tap Gaussian
/// rounded to 6 decimals (g_gaussian_window_h, summing to 1.000002), horizontal pass first, each pass taking
/// float32 products summed in double and rounded to float32; only the "valid" part, (w - 10) x (h - 10);</item>
/// <item>squares and cross products of the samples as float32; variances <c>E[x^2] - mu^2</c> in float32,
/// clamped at 0; covariance likewise, unclamped;</item>
/// <item>per pixel l = (2 mu1 mu2 + C1) / (mu1^2 + mu2^2 + C1) and c = (2 s1 s2 + C2) / (s1^2 + s2^2 + C2) with
/// double numerators over float32 denominators, s = (s12 + C3) / (s1 s2 + C3) wholly in float32 with
/// s1 s2 = sqrt(s1^2 s2^2) and s12 = 0 where it is negative and s1 s2 is 0 (flat identical patches);
/// C1 = (0.01 * 255)^2, C2 = (0.03 * 255)^2, C3 = C2 / 2 in float32, L = 255 at every bit depth;</item>
/// <item>the means of l c s, l, c and s over the map, rounded to float32.</item>
/// </list>
/// Everything per pixel matches the C code operation for operation; only the order in which the map is summed
/// differs (per row in vector lanes, then rows in order), a difference far below the float32 rounding of the
/// means.
/// </summary>
internal static class LibvmafSsimCore
{
    public const int Taps = 11;

    // g_gaussian_window_h of feature/iqa/ssim_tools.h (sigma 1.5).
    private static readonly float[] Window =
        [0.001028f, 0.007599f, 0.036001f, 0.109361f, 0.213006f, 0.266012f, 0.213006f, 0.109361f, 0.036001f, 0.007599f, 0.001028f];

    // _iqa_ssim: K1 = 0.01f, K2 = 0.03f, L = 255; C1 = (K1 L)^2, C2 = (K2 L)^2, C3 = C2 / 2, all float32.
    private static readonly float C1 = Square(0.01f * 255);
    private static readonly float C2 = Square(0.03f * 255);
    private static readonly float C3 = C2 / 2f;

    private const int Quantities = 5; // mu1, mu2, E[x^2], E[y^2], E[xy]

    /// <summary>The mean SSIM and the means of its luminance, contrast and structure terms.</summary>
    public readonly record struct Means(float Ssim, float L, float C, float S);

    /// <param name="reference">At least 11 x 11.</param>
    /// <param name="distorted">The same size.</param>
    public static Means Compute(LibvmafPicture reference, LibvmafPicture distorted)
    {
        float[] x = reference.Data, y = distorted.Data;
        int w = reference.Width, h = reference.Height;
        int ow = w - Taps + 1, oh = h - Taps + 1;
        var rowSums = new double[oh * 4];
        int bands = CpuParallel.Parts(oh, 2);
        CpuParallel.For(bands, band =>
        {
            int r0 = CpuParallel.Start(band, bands, oh), r1 = CpuParallel.Start(band + 1, bands, oh);
            // The horizontal pass of the last 11 input rows, slot (row % 11), quantity by quantity.
            var ring = ArrayPool<float>.Shared.Rent(Taps * Quantities * ow);
            Span<int> slots = stackalloc int[Taps];
            for (int row = r0; row < r1 + Taps - 1; row++)
            {
                Horizontal(x, y, w, row, ring.AsSpan(row % Taps * Quantities * ow, Quantities * ow), ow);
                int outRow = row - (Taps - 1);
                if (outRow < r0)
                    continue;
                for (int v = 0; v < Taps; v++)
                    slots[v] = (outRow + v) % Taps * Quantities * ow;
                VerticalAndMap(ring, slots, ow, rowSums.AsSpan(outRow * 4, 4));
            }
            ArrayPool<float>.Shared.Return(ring);
        });
        double ssim = 0, l = 0, c = 0, s = 0;
        for (int r = 0; r < oh; r++)
        {
            ssim += rowSums[r * 4];
            l += rowSums[r * 4 + 1];
            c += rowSums[r * 4 + 2];
            s += rowSums[r * 4 + 3];
        }
        double n = (double)ow * oh;
        return new Means((float)(ssim / n), (float)(l / n), (float)(c / n), (float)(s / n));
    }

    private static float Square(float v) => v * v;

    /// <summary>Horizontal pass of row <paramref name="row"/> for the five quantities, into <paramref name="output"/> (5 x ow).</summary>
    private static void Horizontal(float[] xs, float[] ys, int w, int row, Span<float> output, int ow)
    {
        ref float x0 = ref MemoryMarshal.GetArrayDataReference(xs);
        ref float y0 = ref MemoryMarshal.GetArrayDataReference(ys);
        int start = row * w, vf = Vector<float>.Count, c = 0;
        for (; c <= ow - vf; c += vf)
        {
            Accumulators acc = default;
            for (int u = 0; u < Taps; u++)
            {
                var a = Vector.LoadUnsafe(ref x0, (nuint)(start + c + u));
                var b = Vector.LoadUnsafe(ref y0, (nuint)(start + c + u));
                acc.Add(a, b, a * a, b * b, a * b, new Vector<float>(Window[u]));
            }
            acc.Store(output, ow, c);
        }
        for (; c < ow; c++)
        {
            double m1 = 0, m2 = 0, e11 = 0, e22 = 0, e12 = 0;
            for (int u = 0; u < Taps; u++)
            {
                float a = xs[start + c + u], b = ys[start + c + u], g = Window[u];
                m1 += (float)(a * g);
                m2 += (float)(b * g);
                e11 += (float)((float)(a * a) * g);
                e22 += (float)((float)(b * b) * g);
                e12 += (float)((float)(a * b) * g);
            }
            output[c] = (float)m1;
            output[ow + c] = (float)m2;
            output[2 * ow + c] = (float)e11;
            output[3 * ow + c] = (float)e22;
            output[4 * ow + c] = (float)e12;
        }
    }

    /// <summary>
    /// Vertical pass over the 11 ring slots (oldest row first) and the SSIM map of that output row; writes the
    /// row's sums of l c s, l, c and s.
    /// </summary>
    private static void VerticalAndMap(float[] ring, ReadOnlySpan<int> slots, int ow, Span<double> sums)
    {
        ref float r0 = ref MemoryMarshal.GetArrayDataReference(ring);
        int vf = Vector<float>.Count, c = 0;
        Vector<double> ssimAcc = default, lAcc = default, cAcc = default, sAcc = default;
        Span<float> moments = stackalloc float[Quantities];
        for (; c <= ow - vf; c += vf)
        {
            Accumulators acc = default;
            for (int v = 0; v < Taps; v++)
            {
                nuint at = (nuint)(slots[v] + c);
                acc.Add(Vector.LoadUnsafe(ref r0, at), Vector.LoadUnsafe(ref r0, at + (nuint)ow),
                    Vector.LoadUnsafe(ref r0, at + (nuint)(2 * ow)), Vector.LoadUnsafe(ref r0, at + (nuint)(3 * ow)),
                    Vector.LoadUnsafe(ref r0, at + (nuint)(4 * ow)), new Vector<float>(Window[v]));
            }
            MapVector(acc, ref ssimAcc, ref lAcc, ref cAcc, ref sAcc);
        }
        double ssimSum = Vector.Sum(ssimAcc), lSum = Vector.Sum(lAcc), cSum = Vector.Sum(cAcc), sSum = Vector.Sum(sAcc);
        for (; c < ow; c++)
        {
            for (int q = 0; q < Quantities; q++)
            {
                double sum = 0;
                for (int v = 0; v < Taps; v++)
                    sum += (float)(ring[slots[v] + q * ow + c] * Window[v]);
                moments[q] = (float)sum;
            }
            MapPixel(moments[0], moments[1], moments[2], moments[3], moments[4], out double l, out double cc, out float s);
            ssimSum += l * cc * s;
            lSum += l;
            cSum += cc;
            sSum += s;
        }
        sums[0] = ssimSum;
        sums[1] = lSum;
        sums[2] = cSum;
        sums[3] = sSum;
    }

    /// <summary>One pixel of the map, as _iqa_ssim's default branch computes it.</summary>
    private static void MapPixel(float mu1, float mu2, float e11, float e22, float e12, out double l, out double c, out float s)
    {
        float var1 = e11 - (float)(mu1 * mu1);
        float var2 = e22 - (float)(mu2 * mu2);
        // MAX(0.0, v): a negative variance from rounding becomes 0.
        if (var1 < 0)
            var1 = 0;
        if (var2 < 0)
            var2 = 0;
        float cov = e12 - (float)(mu1 * mu2);
        float sigmas = MathF.Sqrt((float)(var1 * var2));
        l = (2.0 * mu1 * mu2 + C1) / (float)((float)((float)(mu1 * mu1) + (float)(mu2 * mu2)) + C1);
        c = (2.0 * sigmas + C2) / (float)((float)(var1 + var2) + C2);
        float clamped = cov < 0 && sigmas <= 0 ? 0 : cov;
        s = (float)((float)(clamped + C3) / (float)(sigmas + C3));
    }

    /// <summary><see cref="MapPixel"/> on a vector of pixels, adding the terms to the row accumulators.</summary>
    private static void MapVector(in Accumulators moments, ref Vector<double> ssimAcc, ref Vector<double> lAcc,
        ref Vector<double> cAcc, ref Vector<double> sAcc)
    {
        var mu1 = Vector.Narrow(moments.M1Low, moments.M1High);
        var mu2 = Vector.Narrow(moments.M2Low, moments.M2High);
        var e11 = Vector.Narrow(moments.E11Low, moments.E11High);
        var e22 = Vector.Narrow(moments.E22Low, moments.E22High);
        var e12 = Vector.Narrow(moments.E12Low, moments.E12High);
        var zero = Vector<float>.Zero;
        var var1 = e11 - mu1 * mu1;
        var var2 = e22 - mu2 * mu2;
        var1 = Vector.ConditionalSelect(Vector.LessThan(var1, zero), zero, var1);
        var2 = Vector.ConditionalSelect(Vector.LessThan(var2, zero), zero, var2);
        var cov = e12 - mu1 * mu2;
        var sigmas = Vector.SquareRoot(var1 * var2);
        var lDen = mu1 * mu1 + mu2 * mu2 + new Vector<float>(C1);
        var cDen = var1 + var2 + new Vector<float>(C2);
        var clamped = Vector.ConditionalSelect(
            Vector.LessThan(cov, zero) & Vector.LessThanOrEqual(sigmas, zero), zero, cov);
        var c3 = new Vector<float>(C3);
        var s = (clamped + c3) / (sigmas + c3);
        Vector.Widen(mu1, out var mu1Low, out var mu1High);
        Vector.Widen(mu2, out var mu2Low, out var mu2High);
        Vector.Widen(sigmas, out var sigLow, out var sigHigh);
        Vector.Widen(lDen, out var lDenLow, out var lDenHigh);
        Vector.Widen(cDen, out var cDenLow, out var cDenHigh);
        Vector.Widen(s, out var sLow, out var sHigh);
        AddTerms(mu1Low, mu2Low, sigLow, lDenLow, cDenLow, sLow, ref ssimAcc, ref lAcc, ref cAcc, ref sAcc);
        AddTerms(mu1High, mu2High, sigHigh, lDenHigh, cDenHigh, sHigh, ref ssimAcc, ref lAcc, ref cAcc, ref sAcc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTerms(Vector<double> mu1, Vector<double> mu2, Vector<double> sigmas, Vector<double> lDen,
        Vector<double> cDen, Vector<double> s, ref Vector<double> ssimAcc, ref Vector<double> lAcc,
        ref Vector<double> cAcc, ref Vector<double> sAcc)
    {
        var two = new Vector<double>(2.0);
        var l = (two * mu1 * mu2 + new Vector<double>(C1)) / lDen;
        var c = (two * sigmas + new Vector<double>(C2)) / cDen;
        ssimAcc += l * c * s;
        lAcc += l;
        cAcc += c;
        sAcc += s;
    }

    /// <summary>
    /// The double sums of one pass for a vector of output pixels: each tap adds the float32 product of
    /// sample and weight, widened, in tap order.
    /// </summary>
    private struct Accumulators
    {
        public Vector<double> M1Low, M1High, M2Low, M2High, E11Low, E11High, E22Low, E22High, E12Low, E12High;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(Vector<float> m1, Vector<float> m2, Vector<float> e11, Vector<float> e22, Vector<float> e12, Vector<float> weight)
        {
            Accumulate(m1 * weight, ref M1Low, ref M1High);
            Accumulate(m2 * weight, ref M2Low, ref M2High);
            Accumulate(e11 * weight, ref E11Low, ref E11High);
            Accumulate(e22 * weight, ref E22Low, ref E22High);
            Accumulate(e12 * weight, ref E12Low, ref E12High);
        }

        public readonly void Store(Span<float> output, int ow, int c)
        {
            Vector.Narrow(M1Low, M1High).CopyTo(output[c..]);
            Vector.Narrow(M2Low, M2High).CopyTo(output[(ow + c)..]);
            Vector.Narrow(E11Low, E11High).CopyTo(output[(2 * ow + c)..]);
            Vector.Narrow(E22Low, E22High).CopyTo(output[(3 * ow + c)..]);
            Vector.Narrow(E12Low, E12High).CopyTo(output[(4 * ow + c)..]);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Accumulate(Vector<float> products, ref Vector<double> low, ref Vector<double> high)
        {
            Vector.Widen(products, out var l, out var h);
            low += l;
            high += h;
        }
    }
}
