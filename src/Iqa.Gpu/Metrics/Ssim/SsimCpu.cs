using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Metrics.Ssim;

/// <summary>
/// The SSIM family on the CPU. SSIM: per output row, the vertical pass of the separable window over x, y, x^2, y^2 and xy
/// (computed on the fly, never stored as planes), then the horizontal pass and the SSIM formula, with
/// <see cref="Vector{T}"/> lanes across columns and FMA. Row bands run in parallel; each row's sum is taken
/// in double in lane order, so the mean does not depend on the thread count.
/// </summary>
internal sealed class SsimCpu : ISsimOperations
{
    public IDevicePlane BoxDownsample(IDevicePlane source, int factor) => BoxDownsampleCpu.Apply(CpuPlane.Of(source), factor);

    public SsimMeans[] Scales(IDevicePlane x, IDevicePlane y, SsimParameters parameters, int scales)
    {
        var means = new SsimMeans[scales];
        CpuPlane a = CpuPlane.Of(x), b = CpuPlane.Of(y);
        for (int s = 0; s < scales; s++)
        {
            if (s > 0)
            {
                a = BoxDownsampleCpu.Apply(a, 2);
                b = BoxDownsampleCpu.Apply(b, 2);
            }
            means[s] = Compute(a, b, parameters);
        }
        return means;
    }

    private static SsimMeans Compute(CpuPlane x, CpuPlane y, SsimParameters p)
    {
        int w = x.Width, h = x.Height, taps = p.Window.Length;
        int outW = w - taps + 1, outH = h - taps + 1;
        var ssimRows = new double[outH];
        var csRows = new double[outH];
        int bands = Math.Min(outH, Environment.ProcessorCount * 4);
        Parallel.For(0, bands, band =>
        {
            int r0 = (int)((long)band * outH / bands), r1 = (int)((long)(band + 1) * outH / bands);
            float[] scratch = ArrayPool<float>.Shared.Rent(5 * w);
            try
            {
                for (int r = r0; r < r1; r++)
                {
                    VerticalRow(x.Data, y.Data, w, r, p.Window, scratch);
                    (ssimRows[r], csRows[r]) = HorizontalRow(scratch, w, outW, p);
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(scratch);
            }
        });
        double ssim = 0, cs = 0;
        for (int r = 0; r < outH; r++)
        {
            ssim += ssimRows[r];
            cs += csRows[r];
        }
        double n = (double)outW * outH;
        return new SsimMeans(ssim / n, cs / n);
    }

    /// <summary>Vertical window over rows r..r+taps-1 of x, y, x^2, y^2, xy into five rows of scratch.</summary>
    private static void VerticalRow(float[] xs, float[] ys, int w, int r, float[] window, float[] scratch)
    {
        ref float x0 = ref MemoryMarshal.GetArrayDataReference(xs);
        ref float y0 = ref MemoryMarshal.GetArrayDataReference(ys);
        ref float s0 = ref MemoryMarshal.GetArrayDataReference(scratch);
        int vw = Vector<float>.Count, c = 0;
        for (; c <= w - vw; c += vw)
        {
            Vector<float> sx = default, sy = default, sxx = default, syy = default, sxy = default;
            for (int k = 0; k < window.Length; k++)
            {
                var wk = new Vector<float>(window[k]);
                nuint at = (nuint)((r + k) * w + c);
                var a = Vector.LoadUnsafe(ref x0, at);
                var b = Vector.LoadUnsafe(ref y0, at);
                sx = Vector.FusedMultiplyAdd(wk, a, sx);
                sy = Vector.FusedMultiplyAdd(wk, b, sy);
                sxx = Vector.FusedMultiplyAdd(wk, a * a, sxx);
                syy = Vector.FusedMultiplyAdd(wk, b * b, syy);
                sxy = Vector.FusedMultiplyAdd(wk, a * b, sxy);
            }
            sx.StoreUnsafe(ref s0, (nuint)c);
            sy.StoreUnsafe(ref s0, (nuint)(w + c));
            sxx.StoreUnsafe(ref s0, (nuint)(2 * w + c));
            syy.StoreUnsafe(ref s0, (nuint)(3 * w + c));
            sxy.StoreUnsafe(ref s0, (nuint)(4 * w + c));
        }
        for (; c < w; c++)
        {
            float sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
            for (int k = 0; k < window.Length; k++)
            {
                float wk = window[k], a = xs[(r + k) * w + c], b = ys[(r + k) * w + c];
                sx = MathF.FusedMultiplyAdd(wk, a, sx);
                sy = MathF.FusedMultiplyAdd(wk, b, sy);
                sxx = MathF.FusedMultiplyAdd(wk, a * a, sxx);
                syy = MathF.FusedMultiplyAdd(wk, b * b, syy);
                sxy = MathF.FusedMultiplyAdd(wk, a * b, sxy);
            }
            scratch[c] = sx;
            scratch[w + c] = sy;
            scratch[2 * w + c] = sxx;
            scratch[3 * w + c] = syy;
            scratch[4 * w + c] = sxy;
        }
    }

    /// <summary>Horizontal window over the five vertical rows, the SSIM/CS maps, and their row sums in double.</summary>
    private static (double Ssim, double Cs) HorizontalRow(float[] scratch, int w, int outW, SsimParameters p)
    {
        float[] window = p.Window;
        ref float s0 = ref MemoryMarshal.GetArrayDataReference(scratch);
        int vw = Vector<float>.Count, c = 0;
        Vector<double> ssimAcc = default, csAcc = default;
        var c1 = new Vector<float>(p.C1);
        var c2 = new Vector<float>(p.C2);
        var offset = new Vector<float>(p.Offset);
        var two = new Vector<float>(2f);
        for (; c <= outW - vw; c += vw)
        {
            Vector<float> m1 = default, m2 = default, e11 = default, e22 = default, e12 = default;
            for (int k = 0; k < window.Length; k++)
            {
                var wk = new Vector<float>(window[k]);
                nuint at = (nuint)(c + k);
                m1 = Vector.FusedMultiplyAdd(wk, Vector.LoadUnsafe(ref s0, at), m1);
                m2 = Vector.FusedMultiplyAdd(wk, Vector.LoadUnsafe(ref s0, at + (nuint)w), m2);
                e11 = Vector.FusedMultiplyAdd(wk, Vector.LoadUnsafe(ref s0, at + (nuint)(2 * w)), e11);
                e22 = Vector.FusedMultiplyAdd(wk, Vector.LoadUnsafe(ref s0, at + (nuint)(3 * w)), e22);
                e12 = Vector.FusedMultiplyAdd(wk, Vector.LoadUnsafe(ref s0, at + (nuint)(4 * w)), e12);
            }
            // Same operations, in the same order, as SsimMath.Pixel.
            var s11 = e11 - m1 * m1;
            var s22 = e22 - m2 * m2;
            var s12 = e12 - m1 * m2;
            var mu1 = m1 + offset;
            var mu2 = m2 + offset;
            var csNum = two * s12 + c2;
            var csDen = s11 + s22 + c2;
            var cs = csNum / csDen;
            var ssim = (two * mu1 * mu2 + c1) * csNum / ((mu1 * mu1 + mu2 * mu2 + c1) * csDen);
            Accumulate(ssim, ref ssimAcc);
            Accumulate(cs, ref csAcc);
        }
        double ssimSum = Vector.Sum(ssimAcc), csSum = Vector.Sum(csAcc);
        for (; c < outW; c++)
        {
            float m1 = 0, m2 = 0, e11 = 0, e22 = 0, e12 = 0;
            for (int k = 0; k < window.Length; k++)
            {
                float wk = window[k];
                m1 = MathF.FusedMultiplyAdd(wk, scratch[c + k], m1);
                m2 = MathF.FusedMultiplyAdd(wk, scratch[w + c + k], m2);
                e11 = MathF.FusedMultiplyAdd(wk, scratch[2 * w + c + k], e11);
                e22 = MathF.FusedMultiplyAdd(wk, scratch[3 * w + c + k], e22);
                e12 = MathF.FusedMultiplyAdd(wk, scratch[4 * w + c + k], e12);
            }
            SsimMath.Pixel(m1, m2, e11, e22, e12, p.Offset, p.C1, p.C2, out float ssim, out float cs);
            ssimSum += ssim;
            csSum += cs;
        }
        return (ssimSum, csSum);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(Vector<float> values, ref Vector<double> acc)
    {
        Vector.Widen(values, out var lo, out var hi);
        acc += lo + hi;
    }
}
