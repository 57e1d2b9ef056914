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

    /// <summary>Sample vectors per block: the MSCN values and the products with shifts [0 1], [1 0], [1 1], [1 −1].</summary>
    public const int Fields = 5;

    /// <summary>Doubles per block written by <see cref="BlockSums"/>: per field, the fields of <see cref="AggdSums"/> in declaration order.</summary>
    public const int SumsPerBlock = Fields * 6;

    /// <summary>
    /// MSCN and σ of pixel (i.X, i.Y): exact zeros where the 7×7 neighbourhood (borders replicated) is
    /// constant, else μ and E[I²] summed over the row-major 49-entry <paramref name="window"/> from the top
    /// left, in that order, so the rounding residue where I − μ is exactly 0 has the reference sign.
    /// </summary>
    public static void Mscn(Index2D i, ArrayView<double> image, ArrayView<double> window, ArrayView<double> mscn,
        ArrayView<double> sigma, int w, int h)
    {
        int x = i.X, y = i.Y, at = y * w + x;
        double centre = image[at];
        bool flat = true;
        for (int dy = -Radius; dy <= Radius && flat; dy++)
        {
            int row = Clamp(y + dy, h) * w;
            for (int dx = -Radius; dx <= Radius; dx++)
                if (image[row + Clamp(x + dx, w)] != centre)
                {
                    flat = false;
                    break;
                }
        }
        if (flat)
        {
            mscn[at] = 0;
            sigma[at] = 0;
            return;
        }
        double mean = 0, meanSq = 0;
        for (int dy = -Radius; dy <= Radius; dy++)
        {
            int row = Clamp(y + dy, h) * w;
            for (int dx = -Radius; dx <= Radius; dx++)
            {
                double v = image[row + Clamp(x + dx, w)];
                double wt = window[(dy + Radius) * (2 * Radius + 1) + dx + Radius];
                mean += v * wt;
                meanSq += v * v * wt;
            }
        }
        double s = NiqeMath.Sigma(mean, meanSq);
        sigma[at] = s;
        mscn[at] = NiqeMath.Mscn(centre, mean, s);
    }

    /// <summary>
    /// The AGGD sums of block <paramref name="block"/> (row-major over the block grid) of an MSCN map:
    /// its values and the products with <c>circshift(block, [0 1])</c>, <c>[1 0]</c>, <c>[1 1]</c>,
    /// <c>[1 -1]</c>, wrapping inside the block (computefeature.m). Writes <see cref="SumsPerBlock"/> doubles
    /// at <c>block · SumsPerBlock</c>.
    /// </summary>
    public static void BlockSums(Index1D block, ArrayView<double> mscn, ArrayView<double> sums, int w, int blockSize,
        int blocksAcross)
    {
        int b = blockSize;
        int origin = block / blocksAcross * b * w + block % blocksAcross * b;
        AggdSums s0 = default, s1 = default, s2 = default, s3 = default, s4 = default;
        for (int r = 0; r < b; r++)
        {
            int row = origin + r * w, up = origin + (r + b - 1) % b * w;
            for (int j = 0; j < b; j++)
            {
                int left = (j + b - 1) % b, right = (j + 1) % b;
                double c = mscn[row + j];
                s0.Add(c);
                s1.Add(c * mscn[row + left]);
                s2.Add(c * mscn[up + j]);
                s3.Add(c * mscn[up + left]);
                s4.Add(c * mscn[up + right]);
            }
        }
        int at = block * SumsPerBlock;
        Store(sums, at, s0);
        Store(sums, at + 6, s1);
        Store(sums, at + 12, s2);
        Store(sums, at + 18, s3);
        Store(sums, at + 24, s4);
    }

    private static void Store(ArrayView<double> sums, int at, AggdSums s)
    {
        sums[at] = s.LeftSumSq;
        sums[at + 1] = s.LeftCount;
        sums[at + 2] = s.RightSumSq;
        sums[at + 3] = s.RightCount;
        sums[at + 4] = s.SumAbs;
        sums[at + 5] = s.Count;
    }

    private static int Clamp(int v, int n) => v < 0 ? 0 : v >= n ? n - 1 : v;
}
