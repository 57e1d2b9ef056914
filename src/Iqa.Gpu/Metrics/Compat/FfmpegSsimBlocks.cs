using System.Numerics;

namespace Iqa.Gpu.Metrics.Compat;

/// <summary>
/// One row of 4x4 block sums of FFmpeg's ssim filter (ssim_4x4xn_8bit / ssim_4x4xn_16bit of
/// libavfilter/vf_ssim.c): per block the sums of a, b, a^2 + b^2 and ab, and the row end (ssim_endn_8bit /
/// ssim_endn_16bit) that turns two such rows into the sum of their windows.
/// </summary>
internal sealed class FfmpegSsimBlocks(int blocks)
{
    private readonly long[] _s1 = new long[blocks], _s2 = new long[blocks], _ss = new long[blocks], _s12 = new long[blocks];
    private int[]? _columns;

    /// <summary>Sums the blocks of block row <paramref name="blockRow"/> (sample rows 4 blockRow .. 4 blockRow + 3).</summary>
    public void Fill(PinnedPlane a, PinnedPlane b, int blockRow, int bitDepth)
    {
        if (bitDepth == 8)
        {
            FillBytes(a, b, blockRow);
            return;
        }
        Array.Clear(_s1);
        Array.Clear(_s2);
        Array.Clear(_ss);
        Array.Clear(_s12);
        for (int r = 0; r < 4; r++)
            AddRow(a.WordRow(4 * blockRow + r), b.WordRow(4 * blockRow + r));
    }

    /// <summary>
    /// 8 bits: the four rows' sums per column in vector lanes (32-bit: at most 4 x 2 x 255^2 per column), then
    /// the blocks' sums of four columns.
    /// </summary>
    private void FillBytes(PinnedPlane a, PinnedPlane b, int blockRow)
    {
        int n = 4 * _s1.Length;
        var columns = _columns ??= new int[4 * n];
        Array.Clear(columns);
        Span<int> c1 = columns.AsSpan(0, n), c2 = columns.AsSpan(n, n), css = columns.AsSpan(2 * n, n), c12 = columns.AsSpan(3 * n, n);
        for (int r = 0; r < 4; r++)
        {
            ReadOnlySpan<byte> ra = a.ByteRow(4 * blockRow + r), rb = b.ByteRow(4 * blockRow + r);
            int x = 0;
            for (; x <= n - Vector<byte>.Count; x += Vector<byte>.Count)
            {
                Vector.Widen(new Vector<byte>(ra[x..]), out var a0, out var a1);
                Vector.Widen(new Vector<byte>(rb[x..]), out var b0, out var b1);
                AddColumns(a0, b0, c1[x..], c2[x..], css[x..], c12[x..]);
                int half = Vector<ushort>.Count;
                AddColumns(a1, b1, c1[(x + half)..], c2[(x + half)..], css[(x + half)..], c12[(x + half)..]);
            }
            for (; x < n; x++)
            {
                int va = ra[x], vb = rb[x];
                c1[x] += va;
                c2[x] += vb;
                css[x] += va * va + vb * vb;
                c12[x] += va * vb;
            }
        }
        for (int k = 0; k < _s1.Length; k++)
        {
            int i = 4 * k;
            _s1[k] = c1[i] + c1[i + 1] + c1[i + 2] + c1[i + 3];
            _s2[k] = c2[i] + c2[i + 1] + c2[i + 2] + c2[i + 3];
            _ss[k] = css[i] + css[i + 1] + css[i + 2] + css[i + 3];
            _s12[k] = c12[i] + c12[i + 1] + c12[i + 2] + c12[i + 3];
        }
    }

    /// <summary>Adds one row's a, b, a^2 + b^2 and ab of 16-bit lanes to the column sums.</summary>
    private static void AddColumns(Vector<ushort> a, Vector<ushort> b, Span<int> c1, Span<int> c2, Span<int> css, Span<int> c12)
    {
        Vector.Widen(a, out var a0, out var a1);
        Vector.Widen(b, out var b0, out var b1);
        int half = Vector<uint>.Count;
        Add(c1, 0, a0);
        Add(c1, half, a1);
        Add(c2, 0, b0);
        Add(c2, half, b1);
        Add(css, 0, a0 * a0 + b0 * b0);
        Add(css, half, a1 * a1 + b1 * b1);
        Add(c12, 0, a0 * b0);
        Add(c12, half, a1 * b1);
    }

    private static void Add(Span<int> sums, int offset, Vector<uint> values) =>
        (new Vector<int>(sums[offset..]) + Vector.AsVectorInt32(values)).CopyTo(sums[offset..]);

    private void AddRow(ReadOnlySpan<ushort> a, ReadOnlySpan<ushort> b)
    {
        for (int k = 0; k < _s1.Length; k++)
        {
            long s1 = 0, s2 = 0, ss = 0, s12 = 0;
            for (int x = 4 * k; x < 4 * k + 4; x++)
            {
                long va = a[x], vb = b[x];
                s1 += va;
                s2 += vb;
                ss += va * va + vb * vb;
                s12 += va * vb;
            }
            _s1[k] += s1;
            _s2[k] += s2;
            _ss[k] += ss;
            _s12[k] += s12;
        }
    }

    /// <summary>ssim_endn_8bit: the windows between this row and <paramref name="above"/>, summed in double.</summary>
    public double RowSum8(FfmpegSsimBlocks above)
    {
        var (c1, c2) = Constants(255);
        double sum = 0;
        for (int i = 0; i < _s1.Length - 1; i++)
            sum += Window(above, i, c1, c2);
        return sum;
    }

    /// <summary>ssim_endn_16bit: the windows between this row and <paramref name="above"/>, summed in float32.</summary>
    public double RowSumDeep(FfmpegSsimBlocks above, int bitDepth)
    {
        var (c1, c2) = Constants((1 << bitDepth) - 1);
        float sum = 0;
        for (int i = 0; i < _s1.Length - 1; i++)
            sum += Window(above, i, c1, c2);
        return sum;
    }

    /// <summary>ssim_c1 and ssim_c2 of ssim_end1 / ssim_end1x, computed in double and truncated as the C code does.</summary>
    private static (long C1, long C2) Constants(int max) =>
        ((long)(.01 * .01 * max * max * 64 + .5), (long)(.03 * .03 * max * max * 64 * 63 + .5));

    /// <summary>
    /// ssim_end1 / ssim_end1x of window <paramref name="i"/> (blocks i and i + 1 of both rows). The integer
    /// terms are exact (at 8 bits they fit the C code's 32-bit ints), each converted to float32 once.
    /// </summary>
    private float Window(FfmpegSsimBlocks above, int i, long c1, long c2)
    {
        long s1 = _s1[i] + _s1[i + 1] + above._s1[i] + above._s1[i + 1];
        long s2 = _s2[i] + _s2[i + 1] + above._s2[i] + above._s2[i + 1];
        long ss = _ss[i] + _ss[i + 1] + above._ss[i] + above._ss[i + 1];
        long s12 = _s12[i] + _s12[i + 1] + above._s12[i] + above._s12[i + 1];
        long variance = ss * 64 - s1 * s1 - s2 * s2;
        long covariance = s12 * 64 - s1 * s2;
        float numerator = (float)(2 * s1 * s2 + c1) * (float)(2 * covariance + c2);
        float denominator = (float)(s1 * s1 + s2 * s2 + c1) * (float)(variance + c2);
        return numerator / denominator;
    }
}
