using System.Numerics;

namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// MATLAB <c>imresize(im, 0.5)</c> with its defaults (bicubic, antialiasing), as imresize.m's
/// <c>contributions</c> and <c>resizeAlongDim</c> compute it: the Keys cubic (a = −0.5) stretched by 2,
/// <c>weights = 0.5*cubic(0.5*(u - j))</c> at <c>u = 2x − 0.5</c> normalised to sum 1, out-of-range input
/// indices mirrored with the edge repeated (<c>aux = [1:n, n:-1:1]</c>), zero-weight taps dropped, dimension 1
/// (rows of the output) first, no rounding. Every output sample has the same 8 weights, all multiples of
/// 2^-8, so for integer input both passes are exact in double and the result does not depend on the order of
/// summation.
/// </summary>
internal static class HalfScaleResize
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

    /// <summary>Resizes a <paramref name="width"/>×<paramref name="height"/> image (both even) to half size.</summary>
    public static double[] Apply(double[] image, int width, int height)
    {
        int outW = width / 2, outH = height / 2;
        var columns = new double[outH * width];
        Parallel.For(0, outH, o =>
        {
            Span<double> dst = columns.AsSpan(o * width, width);
            for (int t = 0; t < Weights.Length; t++)
            {
                int src = Mirror(2 * o + FirstOffset + t, height) * width;
                AddScaled(dst, image.AsSpan(src, width), Weights[t]);
            }
        });
        var result = new double[outH * outW];
        Parallel.For(0, outH, y =>
        {
            ReadOnlySpan<double> src = columns.AsSpan(y * width, width);
            Span<double> dst = result.AsSpan(y * outW, outW);
            for (int o = 0; o < outW; o++)
            {
                double sum = 0;
                for (int t = 0; t < Weights.Length; t++)
                    sum += Weights[t] * src[Mirror(2 * o + FirstOffset + t, width)];
                dst[o] = sum;
            }
        });
        return result;
    }

    /// <summary>dst += w·src, element-wise.</summary>
    private static void AddScaled(Span<double> dst, ReadOnlySpan<double> src, double w)
    {
        int x = 0;
        for (; x + Vector<double>.Count <= dst.Length; x += Vector<double>.Count)
            (new Vector<double>(dst.Slice(x)) + w * new Vector<double>(src.Slice(x))).CopyTo(dst.Slice(x));
        for (; x < dst.Length; x++)
            dst[x] += w * src[x];
    }
}
