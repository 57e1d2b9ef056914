using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// MATLAB <c>imresize(im, 0.5)</c> with its defaults (bicubic, antialiasing), as imresize.m's
/// <c>contributions</c> and <c>resizeAlongDim</c> compute it: the Keys cubic (a = −0.5) stretched by 2,
/// <c>weights = 0.5*cubic(0.5*(u - j))</c> at <c>u = 2x − 0.5</c> normalised to sum 1, out-of-range input
/// indices mirrored with the edge repeated (<c>aux = [1:n, n:-1:1]</c>), zero-weight taps dropped, dimension 1
/// (rows of the output) first, no rounding. Every output sample has the same 8 weights, all multiples of
/// 2^-8, so for integer input both passes are exact in double and the result does not depend on the order of
/// summation. The half-size image is made a band of rows at a time from the input rows that band reads, so it is
/// never stored whole on the host; every output sample is the same sum whatever the band.
/// </summary>
internal sealed class HalfScaleResize(NiqeImage source) : NiqeImage(source.Width / 2, source.Height / 2)
{
    /// <summary>Output sample o (0-based) reads input 2o + <see cref="FirstOffset"/> … 2o + FirstOffset + 7.</summary>
    private const int FirstOffset = -3;

    private static readonly double[] Weights = BuildWeights();

    private static double[] BuildWeights()
    {
        // imresize.m contributions() for scale 0.5: kernel_width = 4/0.5, output x = 1 at u = 1.5,
        // left = floor(u - kernel_width/2), P = ceil(kernel_width) + 2 candidate taps.
        const double scale = 0.5, u = 1.5, kernelWidth = 4 / scale;
        int left = (int)Math.Floor(u - kernelWidth / 2), taps = (int)Math.Ceiling(kernelWidth) + 2;
        var all = new double[taps];
        double sum = 0;
        for (int t = 0; t < taps; t++)
            sum += all[t] = scale * Cubic(scale * (u - (left + t)));
        // Tap t reads 1-based input left + t, 0-based left + t - 1, for output 0. The outer two taps have zero
        // weight, so the kept ones start at t = 1, 0-based input index left.
        var weights = all.Select(w => w / sum).Where(w => w != 0).ToArray();
        if (weights.Length != 8 || all[0] != 0 || all[taps - 1] != 0 || left != FirstOffset)
            throw new InvalidOperationException("unexpected imresize contributions for scale 0.5");
        return weights;
    }

    /// <summary>imresize.m's <c>cubic</c>: Keys' kernel with a = −0.5.</summary>
    private static double Cubic(double x)
    {
        double ax = Math.Abs(x), ax2 = ax * ax, ax3 = ax2 * ax;
        if (ax <= 1)
            return 1.5 * ax3 - 2.5 * ax2 + 1;
        if (ax <= 2)
            return -0.5 * ax3 + 2.5 * ax2 - 4 * ax + 2;
        return 0;
    }

    /// <summary>0-based mirror of imresize.m: −1 → 0, −2 → 1, n → n − 1, n + 1 → n − 2.</summary>
    private static int Mirror(int i, int n) => i < 0 ? -i - 1 : i >= n ? 2 * n - 1 - i : i;

    /// <summary>
    /// Output rows <paramref name="first"/> … first + count − 1 (the source's sides are even), from source rows
    /// 2·first − 3 … 2·(first + count − 1) + 4 (mirrored at the edges). Each output sums its 8 taps in order, as
    /// the scalar formula does, so the vectorized interior gives the same bits as the borders would.
    /// </summary>
    public override void ReadRows(int first, int count, Span<double> destination)
    {
        int width = source.Width, height = source.Height;
        int lo = Math.Max(0, 2 * first + FirstOffset);
        int hi = Math.Min(height - 1, 2 * (first + count - 1) + FirstOffset + Weights.Length - 1);
        int inputs = (hi - lo + 1) * width;
        // [source rows lo … hi | one row of the first pass]
        double[] buffer = ArrayPool<double>.Shared.Rent(inputs + width);
        source.ReadRows(lo, hi - lo + 1, buffer.AsSpan(0, inputs));
        var columns = buffer.AsSpan(inputs, width);
        for (int o = first; o < first + count; o++)
        {
            ResizeColumns(buffer, lo, width, height, o, columns);
            ResizeRow(columns, destination.Slice((o - first) * Width, Width));
        }
        ArrayPool<double>.Shared.Return(buffer);
    }

    /// <summary>
    /// Output row o of the first pass (dimension 1): the weighted sum of input rows 2o − 3 … 2o + 4, input row i
    /// held at <paramref name="image"/>[(i − <paramref name="firstRow"/>)·width].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ResizeColumns(double[] image, int firstRow, int width, int height, int o, Span<double> dst)
    {
        Span<int> rows = stackalloc int[Weights.Length];
        for (int t = 0; t < rows.Length; t++)
            rows[t] = (Mirror(2 * o + FirstOffset + t, height) - firstRow) * width;
        int x = 0;
        for (; x + Vector<double>.Count <= width; x += Vector<double>.Count)
        {
            var sum = Weights[0] * new Vector<double>(image, rows[0] + x);
            for (int t = 1; t < Weights.Length; t++)
                sum += Weights[t] * new Vector<double>(image, rows[t] + x);
            sum.CopyTo(dst.Slice(x));
        }
        for (; x < width; x++)
        {
            double sum = Weights[0] * image[rows[0] + x];
            for (int t = 1; t < Weights.Length; t++)
                sum += Weights[t] * image[rows[t] + x];
            dst[x] = sum;
        }
    }

    /// <summary>
    /// One row of the second pass (dimension 2). Output o reads inputs 2o − 3 … 2o + 4, that is odd, even, odd,
    /// … samples around it: with the row split into its even and odd samples, every tap is a contiguous load.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ResizeRow(ReadOnlySpan<double> src, Span<double> dst)
    {
        int outW = dst.Length, n = Vector<double>.Count;
        double[] split = ArrayPool<double>.Shared.Rent(2 * outW);
        Span<double> even = split.AsSpan(0, outW), odd = split.AsSpan(outW, outW);
        for (int i = 0; i < outW; i++)
        {
            even[i] = src[2 * i];
            odd[i] = src[2 * i + 1];
        }
        // Tap t reads input 2o + t − 3: odd[o + (t − 4)/2] for even t, even[o + (t − 3)/2] for odd t.
        int o = 0;
        for (; o < Math.Min(2, outW); o++)
            dst[o] = ResizeAt(src, o);
        for (; o + n + 2 <= outW; o += n)
        {
            var sum = Weights[0] * new Vector<double>(odd.Slice(o - 2));
            sum += Weights[1] * new Vector<double>(even.Slice(o - 1));
            sum += Weights[2] * new Vector<double>(odd.Slice(o - 1));
            sum += Weights[3] * new Vector<double>(even.Slice(o));
            sum += Weights[4] * new Vector<double>(odd.Slice(o));
            sum += Weights[5] * new Vector<double>(even.Slice(o + 1));
            sum += Weights[6] * new Vector<double>(odd.Slice(o + 1));
            sum += Weights[7] * new Vector<double>(even.Slice(o + 2));
            sum.CopyTo(dst.Slice(o));
        }
        for (; o < outW; o++)
            dst[o] = ResizeAt(src, o);
        ArrayPool<double>.Shared.Return(split);
    }

    private static double ResizeAt(ReadOnlySpan<double> src, int o)
    {
        double sum = Weights[0] * src[Mirror(2 * o + FirstOffset, src.Length)];
        for (int t = 1; t < Weights.Length; t++)
            sum += Weights[t] * src[Mirror(2 * o + FirstOffset + t, src.Length)];
        return sum;
    }
}
