using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Metrics.Ssim;

/// <summary>
/// The SSIM maps on the CPU: per map row, the vertical pass of the separable window over x, y, x², y² and xy (computed
/// on the fly) into five scratch rows, then the horizontal pass and the per-pixel formula, <see cref="Vector{T}"/> lanes
/// across columns with FMA; rows in parallel bands. The formula's operations are <see cref="SsimMath.Pixel"/>'s, in its order.
/// </summary>
internal sealed class SsimMapCpu : ISsimMapOperations
{
    public SsimMapPlanes Maps(IDevicePlane xPlane, IDevicePlane yPlane, SsimParameters p)
    {
        CpuPlane x = CpuPlane.Of(xPlane), y = CpuPlane.Of(yPlane);
        int w = x.Width, taps = p.Window.Length, outW = w - taps + 1, outH = x.Height - taps + 1;
        var ssim = new float[outW * outH];
        var cs = new float[outW * outH];
        int bands = Math.Min(outH, Environment.ProcessorCount * 4);
        Parallel.For(0, bands, band =>
        {
            int r0 = (int)((long)band * outH / bands), r1 = (int)((long)(band + 1) * outH / bands);
            float[] scratch = ArrayPool<float>.Shared.Rent(5 * w);
            try
            {
                for (int r = r0; r < r1; r++)
                {
                    Vertical(x.Data, y.Data, w, r, p.Window, scratch);
                    Horizontal(scratch, w, p, ssim.AsSpan(r * outW, outW), cs.AsSpan(r * outW, outW));
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(scratch);
            }
        });
        return new SsimMapPlanes(new CpuPlane(outW, outH, ssim), new CpuPlane(outW, outH, cs));
    }

    /// <summary>Window over rows r..r+taps−1 of x, y, x², y², xy, per column, into five rows of <paramref name="scratch"/>.</summary>
    private static void Vertical(float[] xs, float[] ys, int w, int r, float[] window, float[] scratch)
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

    /// <summary>Horizontal window over the five vertical rows and the SSIM / CS values of one map row.</summary>
    private static void Horizontal(float[] scratch, int w, SsimParameters p, Span<float> ssimRow, Span<float> csRow)
    {
        float[] window = p.Window;
        int outW = ssimRow.Length, vw = Vector<float>.Count, c = 0;
        ref float s0 = ref MemoryMarshal.GetArrayDataReference(scratch);
        ref float ssim0 = ref MemoryMarshal.GetReference(ssimRow);
        ref float cs0 = ref MemoryMarshal.GetReference(csRow);
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
            var s11 = e11 - m1 * m1;
            var s22 = e22 - m2 * m2;
            var s12 = e12 - m1 * m2;
            var mu1 = m1 + offset;
            var mu2 = m2 + offset;
            var csNum = two * s12 + c2;
            var csDen = s11 + s22 + c2;
            (csNum / csDen).StoreUnsafe(ref cs0, (nuint)c);
            ((two * mu1 * mu2 + c1) * csNum / ((mu1 * mu1 + mu2 * mu2 + c1) * csDen)).StoreUnsafe(ref ssim0, (nuint)c);
        }
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
            SsimMath.Pixel(m1, m2, e11, e22, e12, p.Offset, p.C1, p.C2, out ssimRow[c], out csRow[c]);
        }
    }
}
