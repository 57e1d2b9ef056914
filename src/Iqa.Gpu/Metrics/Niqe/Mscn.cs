using System.Runtime.CompilerServices;
using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// MSCN of computequality.m:
/// <c>mu = imfilter(im,window,'replicate'); sigma = sqrt(abs(imfilter(im.*im,window,'replicate') - mu.*mu));
/// structdis = (im-mu)./(sigma+1)</c>, in double.
/// <para>
/// Where the exact I − μ is 0, the computed one is a rounding residue of about 1e-16·I whose sign (or
/// vanishing) depends on how the filter sums, and the AGGD fit sorts samples by sign, so these pixels move α
/// and the score by up to about 1e-4 relative. Two kinds occur: constant 7×7 neighbourhoods (flat areas) and
/// neighbourhoods symmetric about the centre, such as planar ramps in blurred images. The rules, which both
/// paths follow exactly:
/// </para>
/// <list type="bullet">
/// <item>Constant neighbourhood (borders replicated): MSCN and σ are exactly 0, the exact-arithmetic value
/// (the <c>niqe_f64_flatzero</c> semantics of the reference data).</item>
/// <item>Otherwise the residue is the one of the direct 2-D sum over the window in row-major order from 0
/// (<see cref="ReferencePixel"/>), the order of <c>scipy.ndimage.convolve</c> that produced the reference
/// values. MATLAB's imfilter sums in an order of its own, which is why images with flat areas or ramps can
/// differ from the official MATLAB output by a few 1e-3 (refdata/niqe_ref/README.md).</item>
/// </list>
/// </summary>
internal static partial class Mscn
{
    /// <summary>
    /// Computes block row <paramref name="blockRow"/> of the field (image rows blockRow·blockSize … on, whose
    /// width is a multiple of <paramref name="blockSize"/>) from <paramref name="image"/>, which holds those rows
    /// and the window's margin, into <paramref name="values"/> (at least blockSize·width long).
    /// </summary>
    public static MscnField Compute(ImageBand image, int blockRow, int blockSize, bool vectorized, double[] values)
    {
        var sigmaRowSums = new double[blockSize * (image.Width / blockSize)];
        int y0 = blockRow * blockSize;
        if (vectorized)
            ComputeVectorized(image, y0, blockSize, values, sigmaRowSums);
        else
            ComputeScalar(image, y0, blockSize, values, sigmaRowSums);
        return new MscnField(image.Width, blockSize, values, sigmaRowSums);
    }

    /// <summary>
    /// MSCN and σ of pixel (x, y) by the reference arithmetic: the flat rule, else μ and E[I²] summed over the
    /// 7×7 window row by row from the top left, borders replicated (as <see cref="NiqeKernels.Mscn"/> does).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double ReferencePixel(in ImageBand image, int x, int y, out double sigma)
    {
        if (IsFlat(image, x, y))
        {
            sigma = 0;
            return 0;
        }
        double[] window = MscnWindow.Window2D;
        const int r = MscnWindow.Radius;
        double mean = 0, meanSq = 0;
        for (int dy = -r; dy <= r; dy++)
        {
            int row = image.Row(y + dy);
            for (int dx = -r; dx <= r; dx++)
            {
                double v = image.Data[row + Math.Clamp(x + dx, 0, image.Width - 1)];
                double w = window[(dy + r) * MscnWindow.Size + dx + r];
                mean += v * w;
                meanSq += v * v * w;
            }
        }
        return Normalize(image.Data[image.Row(y) + x], mean, meanSq, out sigma);
    }

    /// <summary>(I − μ)/(σ + 1) with σ = sqrt(|E[I²] − μ²|), the formula every path shares.</summary>
    private static double Normalize(double pixel, double mean, double meanSq, out double sigma)
    {
        sigma = NiqeMath.Sigma(mean, meanSq);
        return NiqeMath.Mscn(pixel, mean, sigma);
    }

    /// <summary>True when every pixel of the 7×7 neighbourhood of (x, y), borders replicated, equals the centre.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsFlat(in ImageBand image, int x, int y)
    {
        double centre = image.Data[image.Row(y) + x];
        for (int dy = -MscnWindow.Radius; dy <= MscnWindow.Radius; dy++)
        {
            int row = image.Row(y + dy);
            for (int dx = -MscnWindow.Radius; dx <= MscnWindow.Radius; dx++)
                if (image.Data[row + Math.Clamp(x + dx, 0, image.Width - 1)] != centre)
                    return false;
        }
        return true;
    }

    /// <summary>Adds up one row of σ per block column.</summary>
    private static void SumSigmaRow(ReadOnlySpan<double> sigmaRow, int blockSize, Span<double> rowSums)
    {
        for (int bx = 0; bx < rowSums.Length; bx++)
        {
            double sum = 0;
            foreach (double s in sigmaRow.Slice(bx * blockSize, blockSize))
                sum += s;
            rowSums[bx] = sum;
        }
    }
}
