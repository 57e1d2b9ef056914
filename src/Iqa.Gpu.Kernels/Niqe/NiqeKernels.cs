using ILGPU;

namespace Iqa.Gpu.Kernels;

/// <summary>
/// The per-pixel and per-block work of NIQE (LIVE release, computequality.m / computefeature.m) in double,
/// with the arithmetic of the engine's scalar reference path (Iqa.Gpu.Metrics.Niqe): the MSCN map and, one
/// work item per block, the AGGD sums of the block's MSCN values and of its four circularly shifted products.
/// The fits themselves (a table search per sum set) stay on the host, shared with the CPU paths. Planes are
/// row-major with width <c>w</c>.
/// </summary>
public static class NiqeKernels
{
    /// <summary>Radius of the 7×7 MSCN window.</summary>
    public const int Radius = 3;

    private const int Size = 2 * Radius + 1, Taps = Size * Size;

    /// <summary>Sample vectors per block: the MSCN values and the products with shifts [0 1], [1 0], [1 1], [1 −1].</summary>
    public const int Fields = 5;

    /// <summary>
    /// MSCN and σ of pixel (i.X, i.Y), with the scalar reference path's results on every device:
    /// <list type="bullet">
    /// <item>exact zeros where the 7×7 neighbourhood (borders replicated) is constant: an equality test, exact
    /// whatever the compiler does;</item>
    /// <item>else μ and E[I²] summed over the row-major 49-entry <paramref name="window"/> from the top left.
    /// Where |I − μ| is below <see cref="NiqeMath.ResidueBound"/>·(|I| + 1), its sign can be a rounding
    /// residue (ramps, docs/niqe.md), so μ is summed again in that order with every product rounded
    /// (<see cref="RoundedProduct"/>), as scipy.ndimage.convolve and the host paths do. Elsewhere a compiler's
    /// contraction of the products into fma moves μ by about 1e-13, far below the bound, so the sign is the
    /// reference one and the value differs in the last bits only. E[I²] only sets σ, never a sign.</item>
    /// </list>
    /// </summary>
    public static void Mscn(Index2D i, ArrayView<double> image, ArrayView<double> window, ArrayView<double> mscn,
        ArrayView<double> sigma, int w, int h)
    {
        int x = i.X, y = i.Y, at = y * w + x;
        double centre = image[at];
        bool flat = true;
        for (int k = 0; k < Taps && flat; k++)
            flat = Neighbour(image, x, y, k, w, h) == centre;
        if (flat)
        {
            mscn[at] = 0;
            sigma[at] = 0;
            return;
        }
        double mean = 0, meanSq = 0;
        for (int k = 0; k < Taps; k++)
        {
            double v = Neighbour(image, x, y, k, w, h);
            mean += v * window[k];
            meanSq += v * v * window[k];
        }
        if (Math.Abs(centre - mean) <= (Math.Abs(centre) + 1) * NiqeMath.ResidueBound)
        {
            mean = 0;
            for (int k = 0; k < Taps; k++)
                mean += RoundedProduct.Of(Neighbour(image, x, y, k, w, h), window[k]);
        }
        double s = NiqeMath.Sigma(mean, meanSq);
        sigma[at] = s;
        mscn[at] = NiqeMath.Mscn(centre, mean, s);
    }

    /// <summary>
    /// The AGGD sums of block <paramref name="block"/> (row-major over the block grid) of an MSCN map:
    /// its values and the products with <c>circshift(block, [0 1])</c>, <c>[1 0]</c>, <c>[1 1]</c>,
    /// <c>[1 -1]</c>, wrapping inside the block (computefeature.m), at <c>block · Fields</c>; and the block's
    /// sum of σ, each row's part from the left, then the rows from the top (the host paths' order).
    /// Only signs of the products are compared, so contraction changes the sums in the last bit at most.
    /// </summary>
    public static void BlockSums(Index1D block, ArrayView<double> mscn, ArrayView<double> sigma, ArrayView<AggdSums> sums,
        ArrayView<double> sigmaSums, int w, int blockSize, int blocksAcross)
    {
        int b = blockSize;
        int origin = block / blocksAcross * b * w + block % blocksAcross * b;
        AggdSums s0 = default, s1 = default, s2 = default, s3 = default, s4 = default;
        double sigmaSum = 0;
        for (int r = 0; r < b; r++)
        {
            int row = origin + r * w, up = origin + (r + b - 1) % b * w;
            double rowSigma = 0;
            for (int j = 0; j < b; j++)
            {
                int left = (j + b - 1) % b, right = (j + 1) % b;
                double c = mscn[row + j];
                s0.Add(c);
                s1.Add(c * mscn[row + left]);
                s2.Add(c * mscn[up + j]);
                s3.Add(c * mscn[up + left]);
                s4.Add(c * mscn[up + right]);
                rowSigma += sigma[row + j];
            }
            sigmaSum += rowSigma;
        }
        int at = block * Fields;
        sums[at] = s0;
        sums[at + 1] = s1;
        sums[at + 2] = s2;
        sums[at + 3] = s3;
        sums[at + 4] = s4;
        sigmaSums[block] = sigmaSum;
    }

    /// <summary>Sample k (row-major from the top left) of the 7×7 neighbourhood of (x, y), borders replicated.</summary>
    private static double Neighbour(ArrayView<double> image, int x, int y, int k, int w, int h) =>
        image[Clamp(y + k / Size - Radius, h) * w + Clamp(x + k % Size - Radius, w)];

    private static int Clamp(int v, int n) => v < 0 ? 0 : v >= n ? n - 1 : v;
}
