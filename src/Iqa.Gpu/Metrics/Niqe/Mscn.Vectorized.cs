using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Metrics.Niqe;

internal static partial class Mscn
{
    /// <summary>Image rows filtered together: the row-filtered sums live only per sub-band, which keeps them in cache.</summary>
    private const int BandRows = 32;

    /// <summary>
    /// The production path: the window applied separably (rows, then columns) with <see cref="Vector{T}"/>,
    /// sub-bands of <see cref="BandRows"/> rows one after another; only pixels with a near-zero I − μ go through
    /// the reference arithmetic.
    /// </summary>
    private static void ComputeVectorized(ImageBand image, int y0, int blockSize, double[] values, double[] sigmaRowSums)
    {
        int width = image.Width, blocksAcross = width / blockSize;
        int plane = (BandRows + 2 * MscnWindow.Radius) * width;
        // [row-filtered I | row-filtered I² | σ of one row]
        double[] buffer = ArrayPool<double>.Shared.Rent(2 * plane + width);
        var sigmaRow = buffer.AsSpan(2 * plane, width);
        for (int s0 = y0; s0 < y0 + blockSize; s0 += BandRows)
        {
            int s1 = Math.Min(y0 + blockSize, s0 + BandRows);
            int first = Math.Max(0, s0 - MscnWindow.Radius), last = Math.Min(image.Height - 1, s1 - 1 + MscnWindow.Radius);
            for (int y = first; y <= last; y++)
                FilterRow(image.Data.AsSpan(image.Row(y), width), buffer.AsSpan((y - first) * width, width),
                    buffer.AsSpan(plane + (y - first) * width, width));
            for (int y = s0; y < s1; y++)
            {
                FilterColumnsAndNormalize(image, y, buffer, first, plane, values.AsSpan((y - y0) * width, width), sigmaRow);
                SumSigmaRow(sigmaRow, blockSize, sigmaRowSums.AsSpan((y - y0) * blocksAcross, blocksAcross));
            }
        }
        ArrayPool<double>.Shared.Return(buffer);
    }

    /// <summary>
    /// True when the <see cref="Vector{T}.Count"/> pixels from (x, y) on are all flat, tested at once: their
    /// 7×7 neighbourhoods together cover columns x − 3 … x + Count + 2 of rows y − 3 … y + 3, which must all
    /// equal pixel (x, y). False also where that span leaves the image (the caller then tests pixel by pixel).
    /// In flat areas this replaces Count separate 49-pixel comparisons.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool AreFlat(ImageBand image, int x, int y)
    {
        const int r = MscnWindow.Radius;
        int n = Vector<double>.Count;
        if (x < r || x + n + r > image.Width)
            return false;
        var centre = new Vector<double>(image.Data[image.Row(y) + x]);
        for (int dy = -r; dy <= r; dy++)
        {
            int row = image.Row(y + dy);
            for (int start = x - r; ; start += n)
            {
                int s = Math.Min(start, x + r);
                if (!Vector.EqualsAll(new Vector<double>(image.Data, row + s), centre))
                    return false;
                if (s == x + r)
                    break;
            }
        }
        return true;
    }

    /// <summary>
    /// The 7-tap window's weights broadcast once: <c>Sum(c, p1, p2, p3)</c> = g₀·c + g₁·p1 + g₂·p2 + g₃·p3, where
    /// p_k adds the two samples at distance k (the window is symmetric).
    /// </summary>
    private readonly struct SymmetricTaps(double[] g)
    {
        private readonly Vector<double> _g0 = new(g[3]), _g1 = new(g[4]), _g2 = new(g[5]), _g3 = new(g[6]);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<double> Sum(Vector<double> c, Vector<double> p1, Vector<double> p2, Vector<double> p3) =>
            Vector.FusedMultiplyAdd(_g3, p3, Vector.FusedMultiplyAdd(_g2, p2, Vector.FusedMultiplyAdd(_g1, p1, _g0 * c)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Load(double[] array, int index) => new(array, index);

    /// <summary>Horizontal pass of the window over I and I², replicating the first and last pixel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FilterRow(ReadOnlySpan<double> src, Span<double> mean, Span<double> meanSq)
    {
        double[] g = MscnWindow.Window1D;
        const int r = MscnWindow.Radius;
        int w = src.Length, x = 0;
        for (; x < Math.Min(r, w); x++)
            FilterRowAt(src, x, mean, meanSq);
        var taps = new SymmetricTaps(g);
        for (; x + Vector<double>.Count <= w - r; x += Vector<double>.Count)
        {
            var c = new Vector<double>(src.Slice(x));
            Vector<double> a1 = new(src.Slice(x - 1)), b1 = new(src.Slice(x + 1));
            Vector<double> a2 = new(src.Slice(x - 2)), b2 = new(src.Slice(x + 2));
            Vector<double> a3 = new(src.Slice(x - 3)), b3 = new(src.Slice(x + 3));
            taps.Sum(c, a1 + b1, a2 + b2, a3 + b3).CopyTo(mean.Slice(x));
            taps.Sum(c * c, Vector.FusedMultiplyAdd(a1, a1, b1 * b1), Vector.FusedMultiplyAdd(a2, a2, b2 * b2),
                Vector.FusedMultiplyAdd(a3, a3, b3 * b3)).CopyTo(meanSq.Slice(x));
        }
        for (; x < w; x++)
            FilterRowAt(src, x, mean, meanSq);
    }

    private static void FilterRowAt(ReadOnlySpan<double> src, int x, Span<double> mean, Span<double> meanSq)
    {
        double[] g = MscnWindow.Window1D;
        double m = 0, q = 0;
        for (int k = 0; k < MscnWindow.Size; k++)
        {
            double v = src[Math.Clamp(x - MscnWindow.Radius + k, 0, src.Length - 1)];
            m += g[k] * v;
            q += g[k] * (v * v);
        }
        mean[x] = m;
        meanSq[x] = q;
    }

    /// <summary>
    /// Vertical pass (rows replicated at the top and bottom), then the normalisation, for image row y into
    /// <paramref name="values"/>. Row-filtered image row i is at <paramref name="rowSums"/>[(i − <paramref name="firstRow"/>)·width],
    /// its I² sums <paramref name="squares"/> further.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FilterColumnsAndNormalize(ImageBand image, int y, double[] rowSums, int firstRow, int squares,
        Span<double> values, Span<double> sigmaRow)
    {
        double[] g = MscnWindow.Window1D;
        int width = image.Width;
        Span<int> rows = stackalloc int[MscnWindow.Size];
        for (int k = 0; k < rows.Length; k++)
            rows[k] = (Math.Clamp(y - MscnWindow.Radius + k, 0, image.Height - 1) - firstRow) * width;
        int line = image.Row(y), x = 0;
        double[] data = image.Data;
        var taps = new SymmetricTaps(g);
        for (; x + Vector<double>.Count <= width; x += Vector<double>.Count)
        {
            var m = taps.Sum(Load(rowSums, rows[3] + x), Load(rowSums, rows[2] + x) + Load(rowSums, rows[4] + x),
                Load(rowSums, rows[1] + x) + Load(rowSums, rows[5] + x), Load(rowSums, rows[0] + x) + Load(rowSums, rows[6] + x));
            int sq = squares + x;
            var q = taps.Sum(Load(rowSums, rows[3] + sq), Load(rowSums, rows[2] + sq) + Load(rowSums, rows[4] + sq),
                Load(rowSums, rows[1] + sq) + Load(rowSums, rows[5] + sq), Load(rowSums, rows[0] + sq) + Load(rowSums, rows[6] + sq));
            var sigma = Vector.SquareRoot(Vector.Abs(q - m * m));
            var pixel = new Vector<double>(data, line + x);
            var centred = pixel - m;
            (centred / (sigma + Vector<double>.One)).CopyTo(values.Slice(x));
            sigma.CopyTo(sigmaRow.Slice(x));
            var nearZero = Vector.LessThanOrEqual(Vector.Abs(centred), (Vector.Abs(pixel) + Vector<double>.One) * NiqeMath.ResidueBound);
            if (nearZero == Vector<long>.Zero)
                continue;
            if (nearZero == Vector<long>.AllBitsSet && AreFlat(image, x, y))
            {
                values.Slice(x, Vector<double>.Count).Clear();
                sigmaRow.Slice(x, Vector<double>.Count).Clear();
                continue;
            }
            for (int l = 0; l < Vector<double>.Count; l++)
                if (nearZero[l] != 0)
                    values[x + l] = ReferencePixel(image, x + l, y, out sigmaRow[x + l]);
        }
        for (; x < width; x++)
        {
            double m = 0, q = 0;
            for (int k = 0; k < MscnWindow.Size; k++)
            {
                m += g[k] * rowSums[rows[k] + x];
                q += g[k] * rowSums[squares + rows[k] + x];
            }
            double pixel = data[line + x];
            values[x] = Math.Abs(pixel - m) <= (Math.Abs(pixel) + 1) * NiqeMath.ResidueBound
                ? ReferencePixel(image, x, y, out sigmaRow[x])
                : Normalize(pixel, m, q, out sigmaRow[x]);
        }
    }
}
