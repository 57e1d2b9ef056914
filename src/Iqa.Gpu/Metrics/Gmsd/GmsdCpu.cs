using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Metrics.Gmsd;

/// <summary>
/// GMSD on the CPU with the float operations of <see cref="GmsdKernels"/> in the same order (so the maps are the
/// kernels' bit for bit), vectorized across columns: the averaged planes are stored with a border of zeros (the
/// zero padding of conv2 'same'), so every output row is the same loop. Row bands run in parallel; each row's sums
/// are taken in double and added in row order.
/// </summary>
internal sealed class GmsdCpu : IGmsdOperations
{
    public GmsdStatistics Compute(IDevicePlane reference, IDevicePlane distorted)
    {
        CpuPlane a = CpuPlane.Of(reference), b = CpuPlane.Of(distorted);
        int w = (a.Width + 1) / 2, h = (a.Height + 1) / 2;
        float[] map = ArrayPool<float>.Shared.Rent(w * h);
        try
        {
            var sums = DeviationMap(a, b, map);
            double sum = Total(sums), mean = sum / ((double)w * h);
            Bands(h, (r0, r1) =>
            {
                for (int r = r0; r < r1; r++)
                    sums[r] = SquaredDeviations(map.AsSpan(r * w, w), mean);
            });
            return IGmsdOperations.Summarize(w, h, sum, Total(sums));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(map);
        }
    }

    /// <summary>
    /// The deviation map (ceil(H/2) x ceil(W/2), row-major) into the start of <paramref name="map"/>; returns its row sums
    /// in double. The map of <see cref="GmsdMapCpu"/> too.
    /// </summary>
    internal static double[] DeviationMap(CpuPlane a, CpuPlane b, float[] map)
    {
        int w = (a.Width + 1) / 2, h = (a.Height + 1) / 2, stride = w + 2;
        var pool = ArrayPool<float>.Shared;
        float[] pa = pool.Rent(stride * (h + 2)), pb = pool.Rent(stride * (h + 2));
        try
        {
            AverageDownsample(a, pa, w, h);
            AverageDownsample(b, pb, w, h);
            var sums = new double[h];
            Bands(h, (r0, r1) =>
            {
                float[] s1 = pool.Rent(stride), s2 = pool.Rent(stride);
                for (int r = r0; r < r1; r++)
                    sums[r] = DeviationRow(pa, pb, s1, s2, map.AsSpan(r * w, w), r, w);
                pool.Return(s1);
                pool.Return(s2);
            });
            return sums;
        }
        finally
        {
            pool.Return(pa);
            pool.Return(pb);
        }
    }

    /// <summary>
    /// <see cref="GmsdKernels.AverageDownsample"/> into the interior of a plane with a one-sample zero border; the source
    /// is read two rows at a time (<see cref="CpuPlane.Read"/>: an input's gray plane is never stored whole).
    /// </summary>
    private static void AverageDownsample(CpuPlane src, float[] padded, int w, int h)
    {
        int sw = src.Width, sh = src.Height, stride = w + 2;
        Array.Clear(padded, 0, stride);
        Array.Clear(padded, (h + 1) * stride, stride);
        Bands(h, (r0, r1) =>
        {
            float[] top = ArrayPool<float>.Shared.Rent(sw), bottom = ArrayPool<float>.Shared.Rent(sw);
            for (int i = r0; i < r1; i++)
            {
                int y = 2 * i, row = (i + 1) * stride;
                bool down = y + 1 < sh;
                src.Read(y, top);
                if (down)
                    src.Read(y + 1, bottom);
                padded[row] = 0f;
                padded[row + w + 1] = 0f;
                for (int j = 0; j < w; j++)
                {
                    int x = 2 * j;
                    bool right = x + 1 < sw;
                    float p = top[x];
                    float q = right ? top[x + 1] : 0f;
                    float u = down ? bottom[x] : 0f;
                    float v = right && down ? bottom[x + 1] : 0f;
                    padded[row + j + 1] = (p + q + u + v) * 0.25f;
                }
            }
            ArrayPool<float>.Shared.Return(top);
            ArrayPool<float>.Shared.Return(bottom);
        });
    }

    /// <summary>One row of the deviation map; returns its sum in double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double DeviationRow(float[] pa, float[] pb, float[] s1, float[] s2, Span<float> map, int r, int w)
    {
        int stride = w + 2;
        ColumnSums(pa, s1, r, stride);
        ColumnSums(pb, s2, r, stride);
        // Rows r-1, r, r+1 of the map are padded rows r, r+1, r+2.
        ReadOnlySpan<float> a0 = pa.AsSpan(r * stride, stride), a2 = pa.AsSpan((r + 2) * stride, stride);
        ReadOnlySpan<float> b0 = pb.AsSpan(r * stride, stride), b2 = pb.AsSpan((r + 2) * stride, stride);
        int vw = Vector<float>.Count, c = 0;
        var three = new Vector<float>(3f);
        var t = new Vector<float>(GmsdMath.T);
        Vector<double> acc = default;
        for (; c <= w - vw; c += vw)
        {
            var g1 = Magnitude(s1, a0, a2, c, three);
            var g2 = Magnitude(s2, b0, b2, c, three);
            var d = g1 - g2;
            var dev = d * d / (g1 * g1 + g2 * g2 + t);
            dev.CopyTo(map[c..]);
            Vector.Widen(dev, out var lo, out var hi);
            acc += lo + hi;
        }
        double sum = Vector.Sum(acc);
        for (; c < w; c++)
        {
            float ix1 = (s1[c + 2] - s1[c]) / 3f, iy1 = (a2[c] + a2[c + 1] + a2[c + 2] - (a0[c] + a0[c + 1] + a0[c + 2])) / 3f;
            float ix2 = (s2[c + 2] - s2[c]) / 3f, iy2 = (b2[c] + b2[c + 1] + b2[c + 2] - (b0[c] + b0[c + 1] + b0[c + 2])) / 3f;
            map[c] = GmsdMath.Deviation(GmsdMath.Magnitude(ix1, iy1), GmsdMath.Magnitude(ix2, iy2), GmsdMath.T);
            sum += map[c];
        }
        return sum;
    }

    /// <summary>sqrt(Ix² + Iy²) for the vector of output columns from <paramref name="c"/>, as <see cref="GmsdKernels"/> orders it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Magnitude(float[] columnSums, ReadOnlySpan<float> above, ReadOnlySpan<float> below, int c, Vector<float> three)
    {
        var ix = (new Vector<float>(columnSums.AsSpan(c + 2)) - new Vector<float>(columnSums.AsSpan(c))) / three;
        var rowBelow = new Vector<float>(below[c..]) + new Vector<float>(below[(c + 1)..]) + new Vector<float>(below[(c + 2)..]);
        var rowAbove = new Vector<float>(above[c..]) + new Vector<float>(above[(c + 1)..]) + new Vector<float>(above[(c + 2)..]);
        var iy = (rowBelow - rowAbove) / three;
        return Vector.SquareRoot(ix * ix + iy * iy);
    }

    /// <summary>Per padded column, the sum of map rows r-1, r, r+1 (padded rows r, r+1, r+2), in that order.</summary>
    private static void ColumnSums(float[] padded, float[] sums, int r, int stride)
    {
        var a = padded.AsSpan(r * stride, stride);
        var b = padded.AsSpan((r + 1) * stride, stride);
        var c = padded.AsSpan((r + 2) * stride, stride);
        int vw = Vector<float>.Count, i = 0;
        for (; i <= stride - vw; i += vw)
            (new Vector<float>(a[i..]) + new Vector<float>(b[i..]) + new Vector<float>(c[i..])).CopyTo(sums.AsSpan(i));
        for (; i < stride; i++)
            sums[i] = a[i] + b[i] + c[i];
    }

    private static double SquaredDeviations(ReadOnlySpan<float> row, double mean)
    {
        double sum = 0;
        foreach (float v in row)
        {
            double d = v - mean;
            sum += d * d;
        }
        return sum;
    }

    private static double Total(double[] rows)
    {
        double total = 0;
        foreach (double s in rows)
            total += s;
        return total;
    }

    private static void Bands(int rows, Action<int, int> body)
    {
        int bands = CpuParallel.Parts(rows, 4);
        CpuParallel.For(bands, band => body(CpuParallel.Start(band, bands, rows), CpuParallel.Start(band + 1, bands, rows)));
    }
}
