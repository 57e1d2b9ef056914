using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Iqa.Gpu.Devices;

namespace Iqa.Gpu.Metrics.Ssim;

/// <summary>
/// The SSIM family on the CPU, one fused pass per band of output rows that stays in cache: each source row is read
/// (converted from the input's samples, <see cref="CpuPlane.Read"/>), its products formed once, and its four
/// quantities x, y, x^2 + y^2 and xy filtered horizontally into a ring of <c>taps</c> rows; each output row then
/// filters the ring vertically and evaluates the SSIM and contrast-structure maps, summed per row in double.
/// Four moments suffice: the formula needs s_x^2 + s_y^2, never each alone. The symmetric window is folded
/// (w_k (a_k + a_(n-1-k))), so additions and multiply-adds share the work. Vectors are 512-bit where the CPU runs them
/// natively (<see cref="FloatLanes"/>). Row sums are added in row order, so the mean does not depend on the thread count;
/// identical inputs give exactly 1 (x^2 + y^2 is then exactly twice xy, all the way through).
/// </summary>
internal sealed class SsimCpu : ISsimOperations
{
    /// <summary>The four filtered quantities, in ring order.</summary>
    private const int Quantities = 4;

    public IDevicePlane BoxDownsample(IDevicePlane source, int factor) => BoxDownsampleCpu.Apply(CpuPlane.Of(source), factor);

    public SsimMeans[] Scales(IDevicePlane x, IDevicePlane y, SsimParameters parameters, int scales)
    {
        var means = new SsimMeans[scales];
        CpuPlane a = CpuPlane.Of(x), b = CpuPlane.Of(y);
        for (int s = 0; s < scales; s++)
        {
            if (s > 0)
            {
                // Each scale replaces the previous one, which goes back to the pool unless it is an input.
                CpuPlane previousA = a, previousB = b;
                a = BoxDownsampleCpu.Apply(a, 2);
                b = BoxDownsampleCpu.Apply(b, 2);
                if (s > 1)
                {
                    previousA.Dispose();
                    previousB.Dispose();
                }
            }
            means[s] = Compute(a, b, parameters);
        }
        if (scales > 1)
        {
            a.Dispose();
            b.Dispose();
        }
        return means;
    }

    private static SsimMeans Compute(CpuPlane x, CpuPlane y, SsimParameters p)
    {
        var folded = Fold(p.Window);
        int taps = p.Window.Length, outW = x.Width - taps + 1, outH = x.Height - taps + 1;
        var ssimRows = new double[outH];
        var csRows = new double[outH];
        // A band re-reads taps - 1 rows above its first output row: a few bands per core balance the load at little cost.
        int bands = CpuParallel.Parts(Math.Max(1, outH / 32), 2);
        CpuParallel.For(bands, band =>
        {
            int r0 = CpuParallel.Start(band, bands, outH), r1 = CpuParallel.Start(band + 1, bands, outH);
            if (FloatLanes.Wide)
                Band<Lanes512, Vector512<float>, Vector512<double>>(x, y, p, folded, r0, r1, ssimRows, csRows);
            else
                Band<LanesVector, Vector<float>, Vector<double>>(x, y, p, folded, r0, r1, ssimRows, csRows);
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

    /// <summary>The outer weights w_0 .. w_(half-1) then the centre weight: the window must be symmetric with an odd length.</summary>
    private static float[] Fold(float[] window)
    {
        int taps = window.Length, half = taps / 2;
        if (taps % 2 == 0 || Enumerable.Range(0, half).Any(k => window[k] != window[taps - 1 - k]))
            throw new ArgumentException("the SSIM window must be symmetric with an odd number of taps", nameof(window));
        return [.. window[..half], window[half]];
    }

    /// <summary>Output rows <paramref name="r0"/> .. <paramref name="r1"/> - 1: their map sums into the row arrays.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Band<L, V, D>(CpuPlane x, CpuPlane y, SsimParameters p, float[] folded, int r0, int r1,
        double[] ssimRows, double[] csRows)
        where L : struct, ILanes<V, D> where V : struct where D : struct
    {
        int w = x.Width, taps = p.Window.Length, outW = w - taps + 1, n = L.Count;
        // Columns are computed in whole vectors (the last one's extra lanes are dropped from the sums), so rows are
        // padded: a vector at the last output column reads up to taps - 1 + n - 1 samples further.
        int columns = (outW + n - 1) / n * n, padded = columns + taps - 1 + n;
        float[] buffers = ArrayPool<float>.Shared.Rent(4 * padded + Quantities * taps * columns);
        try
        {
            var all = buffers.AsSpan();
            all[..(4 * padded)].Clear();
            Span<float> xs = all.Slice(0, padded), ys = all.Slice(padded, padded), ps = all.Slice(2 * padded, padded),
                qs = all.Slice(3 * padded, padded), ring = all.Slice(4 * padded, Quantities * taps * columns);
            Span<int> slots = stackalloc int[taps];
            for (int r = r0; r < r1 + taps - 1; r++)
            {
                x.Read(r, xs);
                y.Read(r, ys);
                Products<L, V, D>(xs, ys, ps, qs, w);
                int slot = (r - r0) % taps;
                Horizontal<L, V, D>(xs, ys, ps, qs, folded, ring.Slice(slot * Quantities * columns, Quantities * columns), columns);
                int o = r - taps + 1;
                if (o < r0)
                    continue;
                for (int k = 0; k < taps; k++)
                    slots[k] = (o - r0 + k) % taps * Quantities * columns;
                (ssimRows[o], csRows[o]) = VerticalRow<L, V, D>(ring, slots, folded, columns, outW, p);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffers);
        }
    }

    /// <summary>p = x*x + y*y (two roundings, never fused: with x == y it is exactly twice q) and q = x*y, over the row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Products<L, V, D>(Span<float> xs, Span<float> ys, Span<float> ps, Span<float> qs, int w)
        where L : struct, ILanes<V, D> where V : struct where D : struct
    {
        ref float x0 = ref MemoryMarshal.GetReference(xs);
        ref float y0 = ref MemoryMarshal.GetReference(ys);
        ref float p0 = ref MemoryMarshal.GetReference(ps);
        ref float q0 = ref MemoryMarshal.GetReference(qs);
        for (nuint c = 0; c < (nuint)w; c += (nuint)L.Count)
        {
            V a = L.Load(ref x0, c), b = L.Load(ref y0, c);
            L.Store(L.Add(L.Multiply(a, a), L.Multiply(b, b)), ref p0, c);
            L.Store(L.Multiply(a, b), ref q0, c);
        }
    }

    /// <summary>The folded window along the row for the four quantities, into one ring slot (four rows of <paramref name="columns"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Horizontal<L, V, D>(Span<float> xs, Span<float> ys, Span<float> ps, Span<float> qs, float[] folded,
        Span<float> slot, int columns)
        where L : struct, ILanes<V, D> where V : struct where D : struct
    {
        ref float x0 = ref MemoryMarshal.GetReference(xs);
        ref float y0 = ref MemoryMarshal.GetReference(ys);
        ref float p0 = ref MemoryMarshal.GetReference(ps);
        ref float q0 = ref MemoryMarshal.GetReference(qs);
        ref float s0 = ref MemoryMarshal.GetReference(slot);
        int half = folded.Length - 1, last = 2 * half;
        var centre = L.Broadcast(folded[half]);
        for (nuint c = 0; c < (nuint)columns; c += (nuint)L.Count)
        {
            nuint mid = c + (nuint)half;
            V sx = L.Multiply(centre, L.Load(ref x0, mid)), sy = L.Multiply(centre, L.Load(ref y0, mid));
            V sp = L.Multiply(centre, L.Load(ref p0, mid)), sq = L.Multiply(centre, L.Load(ref q0, mid));
            for (int k = 0; k < half; k++)
            {
                var wk = L.Broadcast(folded[k]);
                nuint a = c + (nuint)k, b = c + (nuint)(last - k);
                sx = L.MultiplyAdd(wk, L.Add(L.Load(ref x0, a), L.Load(ref x0, b)), sx);
                sy = L.MultiplyAdd(wk, L.Add(L.Load(ref y0, a), L.Load(ref y0, b)), sy);
                sp = L.MultiplyAdd(wk, L.Add(L.Load(ref p0, a), L.Load(ref p0, b)), sp);
                sq = L.MultiplyAdd(wk, L.Add(L.Load(ref q0, a), L.Load(ref q0, b)), sq);
            }
            L.Store(sx, ref s0, c);
            L.Store(sy, ref s0, c + (nuint)columns);
            L.Store(sp, ref s0, c + (nuint)(2 * columns));
            L.Store(sq, ref s0, c + (nuint)(3 * columns));
        }
    }

    /// <summary>
    /// The folded window down the ring's rows (slot offsets in source-row order), the SSIM and contrast-structure
    /// maps, and their sums over the row's <paramref name="outW"/> columns in double.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double Ssim, double Cs) VerticalRow<L, V, D>(Span<float> ring, ReadOnlySpan<int> slots, float[] folded,
        int columns, int outW, SsimParameters p)
        where L : struct, ILanes<V, D> where V : struct where D : struct
    {
        ref float r0 = ref MemoryMarshal.GetReference(ring);
        int half = folded.Length - 1, last = 2 * half;
        nuint yOff = (nuint)columns, pOff = (nuint)(2 * columns), qOff = (nuint)(3 * columns);
        V centre = L.Broadcast(folded[half]), c1 = L.Broadcast(p.C1), c2 = L.Broadcast(p.C2), offset = L.Broadcast(p.Offset);
        D ssimSum = default, csSum = default;
        for (int c = 0; c < columns; c += L.Count)
        {
            nuint mid = (nuint)(slots[half] + c);
            V m1 = L.Multiply(centre, L.Load(ref r0, mid)), m2 = L.Multiply(centre, L.Load(ref r0, mid + yOff));
            V pp = L.Multiply(centre, L.Load(ref r0, mid + pOff)), qq = L.Multiply(centre, L.Load(ref r0, mid + qOff));
            for (int k = 0; k < half; k++)
            {
                var wk = L.Broadcast(folded[k]);
                nuint a = (nuint)(slots[k] + c), b = (nuint)(slots[last - k] + c);
                m1 = L.MultiplyAdd(wk, L.Add(L.Load(ref r0, a), L.Load(ref r0, b)), m1);
                m2 = L.MultiplyAdd(wk, L.Add(L.Load(ref r0, a + yOff), L.Load(ref r0, b + yOff)), m2);
                pp = L.MultiplyAdd(wk, L.Add(L.Load(ref r0, a + pOff), L.Load(ref r0, b + pOff)), pp);
                qq = L.MultiplyAdd(wk, L.Add(L.Load(ref r0, a + qOff), L.Load(ref r0, b + qOff)), qq);
            }
            // SsimMath.Pixel's formula with s_x^2 + s_y^2 taken as E[x^2 + y^2] - (m1^2 + m2^2).
            V sigmas = L.Subtract(pp, L.Add(L.Multiply(m1, m1), L.Multiply(m2, m2)));
            V s12 = L.Subtract(qq, L.Multiply(m1, m2));
            V mu1 = L.Add(m1, offset), mu2 = L.Add(m2, offset);
            V csNum = L.Add(L.Add(s12, s12), c2);
            V csDen = L.Add(sigmas, c2);
            V cs = L.Divide(csNum, csDen);
            V numerator = L.Add(L.Multiply(L.Add(mu1, mu1), mu2), c1);
            V denominator = L.Add(L.Add(L.Multiply(mu1, mu1), L.Multiply(mu2, mu2)), c1);
            V ssim = L.Divide(L.Multiply(numerator, csNum), L.Multiply(denominator, csDen));
            if (c + L.Count > outW)
            {
                ssim = L.KeepFirst(ssim, outW - c);
                cs = L.KeepFirst(cs, outW - c);
            }
            ssimSum = L.AddWidened(ssimSum, ssim);
            csSum = L.AddWidened(csSum, cs);
        }
        return (L.Sum(ssimSum), L.Sum(csSum));
    }
}
