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
internal sealed class SsimCpu : ISsimOperations, ISsimMapOperations
{
    /// <summary>The four filtered quantities, in ring order.</summary>
    private const int Quantities = 4;

    /// <summary>The window's length: the kernel is written out for Wang's symmetric 11-tap window.</summary>
    private const int Taps = 11;

    /// <summary>Output rows filtered down the ring at once, so each ring value is loaded once for all of them.</summary>
    private const int Block = 4;

    /// <summary>Ring rows: the source rows of one block.</summary>
    private const int RingRows = Block + Taps - 1;

    private const int CacheLine = 64;

    /// <summary>How many rows ahead of the one read a pass asks for its samples (<see cref="CpuPlane.Prefetch"/>).</summary>
    private const int PrefetchRows = 6;

    /// <summary>
    /// Compiles the kernels SSIM runs on a small pair while the caller reads its inputs: the window and 4x boxes of samples.
    /// </summary>
    public SsimCpu() => CpuWarmup.Start(() =>
    {
        var (x, y) = CpuWarmup.Planes();
        using var xs = BoxDownsample(x, 4);
        Scales(x, y, SsimMetric.Parameters, 1);
    });

    public IDevicePlane BoxDownsample(IDevicePlane source, int factor) => BoxDownsampleCpu.Apply(CpuPlane.Of(source), factor);

    public SsimMeans[] Scales(IDevicePlane x, IDevicePlane y, SsimParameters parameters, int scales, SsimMeansNeeded needed = SsimMeansNeeded.All)
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
            bool all = needed == SsimMeansNeeded.All, last = s == scales - 1;
            means[s] = Compute(a, b, parameters, null, all || last, all || !last);
        }
        if (scales > 1)
        {
            a.Dispose();
            b.Dispose();
        }
        return means;
    }

    /// <summary>
    /// The maps whose means <see cref="Scales"/> returns, from the same pass: every value is the one the score sums, so a
    /// map's mean is the score.
    /// </summary>
    public SsimMapPlanes Maps(IDevicePlane xPlane, IDevicePlane yPlane, SsimParameters parameters)
    {
        CpuPlane x = CpuPlane.Of(xPlane), y = CpuPlane.Of(yPlane);
        int outW = x.Width - Taps + 1, outH = x.Height - Taps + 1;
        var maps = new MapRows(new float[outW * outH], new float[outW * outH]);
        Compute(x, y, parameters, maps, true, true);
        return new SsimMapPlanes(new CpuPlane(outW, outH, maps.Ssim), new CpuPlane(outW, outH, maps.Cs));
    }

    /// <summary>Where a pass also stores its SSIM and contrast-structure maps, row after row (W − taps + 1 values each).</summary>
    private sealed record MapRows(float[] Ssim, float[] Cs);

    /// <summary>The means of one scale: those of the SSIM map when <paramref name="ssim"/>, of the contrast-structure map when <paramref name="cs"/> (NaN otherwise).</summary>
    private static SsimMeans Compute(CpuPlane x, CpuPlane y, SsimParameters p, MapRows? maps, bool ssim, bool cs)
    {
        if (p.Window.Length != Taps || Enumerable.Range(0, Taps / 2).Any(k => p.Window[k] != p.Window[Taps - 1 - k]))
            throw new ArgumentException($"the cpu SSIM window is a symmetric {Taps}-tap window", nameof(p));
        int outW = x.Width - Taps + 1, outH = x.Height - Taps + 1;
        var terms = new Terms(ssim, cs);
        var ssimRows = new double[outH];
        var csRows = new double[outH];
        // A band re-reads taps - 1 rows above its first output row: a few bands per core balance the load at little cost.
        int bands = CpuParallel.Parts(Math.Max(1, outH / 32), 2);
        CpuParallel.For(bands, band =>
        {
            int r0 = CpuParallel.Start(band, bands, outH), r1 = CpuParallel.Start(band + 1, bands, outH);
            if (FloatLanes.Wide)
                Band<Lanes512, Vector512<float>, Vector512<double>>(x, y, p, terms, r0, r1, ssimRows, csRows, maps);
            else
                Band<LanesVector, Vector<float>, Vector<double>>(x, y, p, terms, r0, r1, ssimRows, csRows, maps);
        });
        double ssimSum = 0, csSum = 0;
        for (int r = 0; r < outH; r++)
        {
            ssimSum += ssimRows[r];
            csSum += csRows[r];
        }
        double n = (double)outW * outH;
        return new SsimMeans(ssim ? ssimSum / n : double.NaN, cs ? csSum / n : double.NaN);
    }

    /// <summary>Which maps a pass evaluates and sums (both where it stores them).</summary>
    private readonly record struct Terms(bool Ssim, bool Cs);

    /// <summary>
    /// Output rows <paramref name="r0"/> .. <paramref name="r1"/> - 1: their map sums into the row arrays, and their map
    /// values into <paramref name="maps"/> when given.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Band<L, V, D>(CpuPlane x, CpuPlane y, SsimParameters p, Terms terms, int r0, int r1, double[] ssimRows, double[] csRows,
        MapRows? maps)
        where L : struct, ILanes<V, D> where V : struct where D : struct
    {
        int w = x.Width, outW = w - Taps + 1, n = L.Count;
        // Columns are computed in whole vectors (the last one's extra lanes are dropped from the sums), so rows are padded
        // (two vectors from the last column for the sliding window, or taps - 1 + n samples where it loads them), and
        // rows take whole cache lines.
        int columns = (outW + n - 1) / n * n, slot = Quantities * columns;
        int padded = RoundUp(columns + Math.Max(2 * n, Taps - 1 + n), CacheLine / sizeof(float));
        // Map values of a block, SSIM rows then contrast-structure rows, whole vectors wide.
        int mapLength = maps is null ? 0 : 2 * Block * columns, length = 4 * padded + RingRows * slot + mapLength;
        // Every row starts on a cache line (a 64-byte multiple from an aligned start), so whole-vector loads never
        // straddle two lines; the rented array stays pinned while its address decides that start.
        float[] buffers = ArrayPool<float>.Shared.Rent(length + CacheLine / sizeof(float));
        var pin = GCHandle.Alloc(buffers, GCHandleType.Pinned);
        try
        {
            int start = (int)((CacheLine - pin.AddrOfPinnedObject() % CacheLine) % CacheLine / sizeof(float));
            // Cleared once: the padding stays zero, and a last block's unused ring rows hold finite values.
            var all = buffers.AsSpan(start, length);
            all.Clear();
            Span<float> xs = all.Slice(0, padded), ys = all.Slice(padded, padded), ps = all.Slice(2 * padded, padded),
                qs = all.Slice(3 * padded, padded), ring = all.Slice(4 * padded, RingRows * slot), block = all[(length - mapLength)..];
            Span<int> offsets = stackalloc int[RingRows];
            int next = r0, last = r1 + Taps - 2;
            // What the kernels load from a row: Products whole vectors to the width, Horizontal two vectors from the last column.
            int reach = Math.Max(RoundUp(w, n), columns + 2 * n);
            for (int r = r0; r <= last; r++)
            {
                x.Prefetch(r + PrefetchRows);
                y.Prefetch(r + PrefetchRows);
                ReadOnlySpan<float> xr = Row(x, r, xs, reach), yr = Row(y, r, ys, reach);
                Products<L, V, D>(xr, yr, ps, qs, w);
                Horizontal<L, V, D>(xr, yr, ps, qs, p.Window, ring.Slice((r - r0) % RingRows * slot, slot), columns);
                // Output rows below `ready` have all their taps - 1 rows below them read.
                int ready = r - Taps + 2;
                if (ready - next < Block && !(r == last && ready > next))
                    continue;
                for (int j = 0; j < RingRows; j++)
                    offsets[j] = (next - r0 + j) % RingRows * slot;
                int rows = Math.Min(Block, ready - next);
                VerticalBlock<L, V, D>(ring, offsets, p, terms, columns, outW, ssimRows.AsSpan(next, rows), csRows.AsSpan(next, rows), block);
                for (int j = 0; maps is not null && j < rows; j++)
                {
                    block.Slice(j * columns, outW).CopyTo(maps.Ssim.AsSpan((next + j) * outW, outW));
                    block.Slice((Block + j) * columns, outW).CopyTo(maps.Cs.AsSpan((next + j) * outW, outW));
                }
                next += rows;
            }
        }
        finally
        {
            pin.Free();
            ArrayPool<float>.Shared.Return(buffers);
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    /// <summary>
    /// Row <paramref name="r"/>: in place where the plane is stored and the <paramref name="reach"/> values from the row's
    /// start lie in its array (past the width they are the next row's, which only the dropped lanes see), else read into
    /// <paramref name="buffer"/> (zero-padded).
    /// </summary>
    private static ReadOnlySpan<float> Row(CpuPlane plane, int r, Span<float> buffer, int reach)
    {
        if (plane.Rows is null && (long)r * plane.Width + reach <= plane.Data.Length)
            return plane.Data.AsSpan(r * plane.Width, reach);
        plane.Read(r, buffer);
        return buffer;
    }

    /// <summary>p = x*x + y*y (two roundings, never fused: with x == y it is exactly twice q) and q = x*y, over the row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Products<L, V, D>(ReadOnlySpan<float> xs, ReadOnlySpan<float> ys, Span<float> ps, Span<float> qs, int w)
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

    /// <summary>The window along the row for the four quantities, into one ring slot (four rows of <paramref name="columns"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Horizontal<L, V, D>(ReadOnlySpan<float> xs, ReadOnlySpan<float> ys, Span<float> ps, Span<float> qs, float[] window,
        Span<float> slot, int columns)
        where L : struct, ILanes<V, D> where V : struct where D : struct
    {
        ref float x0 = ref MemoryMarshal.GetReference(xs);
        ref float y0 = ref MemoryMarshal.GetReference(ys);
        ref float p0 = ref MemoryMarshal.GetReference(ps);
        ref float q0 = ref MemoryMarshal.GetReference(qs);
        ref float s0 = ref MemoryMarshal.GetReference(slot);
        var w = Weights<L, V, D>.Of(window);
        for (nuint c = 0; c < (nuint)columns; c += (nuint)L.Count)
        {
            L.Store(Along(ref x0, c, w), ref s0, c);
            L.Store(Along(ref y0, c, w), ref s0, c + (nuint)columns);
            L.Store(Along(ref p0, c, w), ref s0, c + (nuint)(2 * columns));
            L.Store(Along(ref q0, c, w), ref s0, c + (nuint)(3 * columns));
        }
    }

    /// <summary>
    /// The folded window along a row at column <paramref name="c"/> (a multiple of the vector width, so the two vectors
    /// loaded are aligned and the others slide out of them): w5 a5, then + w0 (a0 + a10) ... + w4 (a4 + a6).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Along<L, V, D>(ref float row, nuint c, in Weights<L, V, D> w)
        where L : struct, ILanes<V, D> where V : struct where D : struct
    {
        V a = L.Load(ref row, c), b = L.Load(ref row, c + (nuint)L.Count);
        V s = L.Multiply(w.W5, L.Slide(ref row, c, a, b, 5));
        s = L.MultiplyAdd(w.W0, L.Add(a, L.Slide(ref row, c, a, b, 10)), s);
        s = L.MultiplyAdd(w.W1, L.Add(L.Slide(ref row, c, a, b, 1), L.Slide(ref row, c, a, b, 9)), s);
        s = L.MultiplyAdd(w.W2, L.Add(L.Slide(ref row, c, a, b, 2), L.Slide(ref row, c, a, b, 8)), s);
        s = L.MultiplyAdd(w.W3, L.Add(L.Slide(ref row, c, a, b, 3), L.Slide(ref row, c, a, b, 7)), s);
        return L.MultiplyAdd(w.W4, L.Add(L.Slide(ref row, c, a, b, 4), L.Slide(ref row, c, a, b, 6)), s);
    }

    /// <summary>
    /// Four output rows at once (the first <c>ssim.Length</c> kept): the window down the ring's 14 rows (offsets in
    /// source-row order), each ring value loaded once for the four rows, then the SSIM and contrast-structure maps and
    /// their sums over the <paramref name="outW"/> columns in double; unless <paramref name="block"/> is empty, the map
    /// values too, as <see cref="Block"/> SSIM rows then as many contrast-structure rows of <paramref name="columns"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void VerticalBlock<L, V, D>(Span<float> ring, ReadOnlySpan<int> offsets, SsimParameters p, Terms terms, int columns, int outW,
        Span<double> ssim, Span<double> cs, Span<float> block)
        where L : struct, ILanes<V, D> where V : struct where D : struct
    {
        bool store = !block.IsEmpty;
        ref float b0 = ref MemoryMarshal.GetReference(block);
        nuint row = (nuint)columns, csRows = (nuint)(Block * columns);
        ref float r0 = ref MemoryMarshal.GetReference(ring);
        ref int o0 = ref MemoryMarshal.GetReference(offsets);
        var w = Weights<L, V, D>.Of(p.Window);
        var constants = new Constants<L, V, D>(p);
        bool ssimTerm = terms.Ssim, csTerm = terms.Cs;
        Sums<D> s0 = default, s1 = default, s2 = default, s3 = default;
        for (int c = 0; c < columns; c += L.Count)
        {
            Down(ref r0, ref o0, (nuint)c, w, out V m1a, out V m1b, out V m1c, out V m1d);
            Down(ref r0, ref o0, (nuint)(c + columns), w, out V m2a, out V m2b, out V m2c, out V m2d);
            Down(ref r0, ref o0, (nuint)(c + 2 * columns), w, out V ppa, out V ppb, out V ppc, out V ppd);
            Down(ref r0, ref o0, (nuint)(c + 3 * columns), w, out V qqa, out V qqb, out V qqc, out V qqd);
            int valid = outW - c;
            Map(m1a, m2a, ppa, qqa, constants, ssimTerm, csTerm, valid, ref s0, out V ssimA, out V csA);
            Map(m1b, m2b, ppb, qqb, constants, ssimTerm, csTerm, valid, ref s1, out V ssimB, out V csB);
            Map(m1c, m2c, ppc, qqc, constants, ssimTerm, csTerm, valid, ref s2, out V ssimC, out V csC);
            Map(m1d, m2d, ppd, qqd, constants, ssimTerm, csTerm, valid, ref s3, out V ssimD, out V csD);
            if (store)
            {
                nuint at = (nuint)c;
                L.Store(ssimA, ref b0, at);
                L.Store(ssimB, ref b0, at + row);
                L.Store(ssimC, ref b0, at + 2 * row);
                L.Store(ssimD, ref b0, at + 3 * row);
                L.Store(csA, ref b0, csRows + at);
                L.Store(csB, ref b0, csRows + at + row);
                L.Store(csC, ref b0, csRows + at + 2 * row);
                L.Store(csD, ref b0, csRows + at + 3 * row);
            }
        }
        Span<Sums<D>> sums = [s0, s1, s2, s3];
        for (int j = 0; j < ssim.Length; j++)
        {
            ssim[j] = L.Sum(sums[j].Ssim);
            cs[j] = L.Sum(sums[j].Cs);
        }
    }

    /// <summary>Per-row sums of the SSIM and contrast-structure maps, in double lanes.</summary>
    private struct Sums<D> where D : struct
    {
        public D Ssim, Cs;
    }

    /// <summary>The formula's constants, in every lane.</summary>
    private readonly struct Constants<L, V, D>(SsimParameters p)
        where L : struct, ILanes<V, D> where V : struct where D : struct
    {
        public readonly V C1 = L.Broadcast(p.C1), C2 = L.Broadcast(p.C2), Offset = L.Broadcast(p.Offset);
    }

    /// <summary>
    /// SsimMath.Pixel's formula on one vector of filtered moments, with s_x^2 + s_y^2 taken as E[x^2 + y^2] - (m1^2 + m2^2):
    /// the SSIM map if <paramref name="ssimTerm"/>, the contrast-structure map if <paramref name="csTerm"/> (zero otherwise),
    /// their first <paramref name="valid"/> lanes added to the sums (and kept in the maps' vectors, the others zero).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Map<L, V, D>(V m1, V m2, V pp, V qq, in Constants<L, V, D> k, bool ssimTerm, bool csTerm, int valid, ref Sums<D> sums,
        out V ssim, out V cs)
        where L : struct, ILanes<V, D> where V : struct where D : struct
    {
        V sigmas = L.Subtract(pp, L.Add(L.Multiply(m1, m1), L.Multiply(m2, m2)));
        V s12 = L.Subtract(qq, L.Multiply(m1, m2));
        V csNum = L.Add(L.Add(s12, s12), k.C2);
        V csDen = L.Add(sigmas, k.C2);
        ssim = cs = default;
        if (csTerm)
        {
            cs = L.Divide(csNum, csDen);
            if (valid < L.Count)
                cs = L.KeepFirst(cs, valid);
            sums.Cs = L.AddWidened(sums.Cs, cs);
        }
        if (ssimTerm)
        {
            V mu1 = L.Add(m1, k.Offset), mu2 = L.Add(m2, k.Offset);
            V numerator = L.Add(L.Multiply(L.Add(mu1, mu1), mu2), k.C1);
            V denominator = L.Add(L.Add(L.Multiply(mu1, mu1), L.Multiply(mu2, mu2)), k.C1);
            ssim = L.Divide(L.Multiply(numerator, csNum), L.Multiply(denominator, csDen));
            if (valid < L.Count)
                ssim = L.KeepFirst(ssim, valid);
            sums.Ssim = L.AddWidened(sums.Ssim, ssim);
        }
    }

    /// <summary>The window down the ring at column <paramref name="c"/> for four consecutive output rows, each of the 14 rows loaded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Down<L, V, D>(ref float ring, ref int offsets, nuint c, in Weights<L, V, D> w, out V a, out V b, out V d, out V e)
        where L : struct, ILanes<V, D> where V : struct where D : struct
    {
        V t0 = Tap<L, V, D>(ref ring, ref offsets, 0, c), t1 = Tap<L, V, D>(ref ring, ref offsets, 1, c);
        V t2 = Tap<L, V, D>(ref ring, ref offsets, 2, c), t3 = Tap<L, V, D>(ref ring, ref offsets, 3, c);
        V t4 = Tap<L, V, D>(ref ring, ref offsets, 4, c), t5 = Tap<L, V, D>(ref ring, ref offsets, 5, c);
        V t6 = Tap<L, V, D>(ref ring, ref offsets, 6, c), t7 = Tap<L, V, D>(ref ring, ref offsets, 7, c);
        V t8 = Tap<L, V, D>(ref ring, ref offsets, 8, c), t9 = Tap<L, V, D>(ref ring, ref offsets, 9, c);
        V t10 = Tap<L, V, D>(ref ring, ref offsets, 10, c), t11 = Tap<L, V, D>(ref ring, ref offsets, 11, c);
        V t12 = Tap<L, V, D>(ref ring, ref offsets, 12, c), t13 = Tap<L, V, D>(ref ring, ref offsets, 13, c);
        a = Fold(t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, w);
        b = Fold(t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, w);
        d = Fold(t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, w);
        e = Fold(t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Tap<L, V, D>(ref float ring, ref int offsets, int row, nuint c)
        where L : struct, ILanes<V, D> where V : struct where D : struct =>
        L.Load(ref ring, (nuint)Unsafe.Add(ref offsets, row) + c);

    /// <summary>The folded window on eleven values, in <see cref="Along"/>'s order: w5 a5, then + w0 (a0 + a10) ... + w4 (a4 + a6).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Fold<L, V, D>(V a0, V a1, V a2, V a3, V a4, V a5, V a6, V a7, V a8, V a9, V a10, in Weights<L, V, D> w)
        where L : struct, ILanes<V, D> where V : struct where D : struct
    {
        V s = L.Multiply(w.W5, a5);
        s = L.MultiplyAdd(w.W0, L.Add(a0, a10), s);
        s = L.MultiplyAdd(w.W1, L.Add(a1, a9), s);
        s = L.MultiplyAdd(w.W2, L.Add(a2, a8), s);
        s = L.MultiplyAdd(w.W3, L.Add(a3, a7), s);
        return L.MultiplyAdd(w.W4, L.Add(a4, a6), s);
    }

    /// <summary>The window's weights w0 .. w5 (outermost to centre), each in every lane.</summary>
    private readonly struct Weights<L, V, D>
        where L : struct, ILanes<V, D> where V : struct where D : struct
    {
        public readonly V W0, W1, W2, W3, W4, W5;

        private Weights(float[] window)
        {
            W0 = L.Broadcast(window[0]);
            W1 = L.Broadcast(window[1]);
            W2 = L.Broadcast(window[2]);
            W3 = L.Broadcast(window[3]);
            W4 = L.Broadcast(window[4]);
            W5 = L.Broadcast(window[5]);
        }

        public static Weights<L, V, D> Of(float[] window) => new(window);
    }
}
