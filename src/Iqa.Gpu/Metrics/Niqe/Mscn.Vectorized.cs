using System.Numerics;

namespace Iqa.Gpu.Metrics.Niqe;

internal static partial class Mscn
{
    /// <summary>
    /// Bound on |I − μ| relative to |I| + 1 below which a pixel is recomputed by <see cref="ReferencePixel"/>.
    /// The separable sum's error is below 1e-13 on that scale, so a pixel above the bound has an exact I − μ
    /// of the same sign as both computed ones, and a pixel whose sign is decided by rounding is always below it.
    /// </summary>
    private const double ResidueBound = 1e-9;

    /// <summary>
    /// The production path: the window applied separably (rows, then columns) with <see cref="Vector{T}"/>,
    /// image rows in parallel; only pixels with a near-zero I − μ go through the reference arithmetic.
    /// </summary>
    private static MscnField ComputeVectorized(double[] image, int width, int height, int blockSize)
    {
        var rowMean = new double[width * height];
        var rowMeanSq = new double[width * height];
        Parallel.For(0, height, y => FilterRow(image.AsSpan(y * width, width), rowMean.AsSpan(y * width, width),
            rowMeanSq.AsSpan(y * width, width)));

        int blocksAcross = width / blockSize;
        var values = new double[width * height];
        var sigmaRowSums = new double[height * blocksAcross];
        Parallel.For(0, height, () => new double[width], (y, _, sigmaRow) =>
        {
            FilterColumnsAndNormalize(image, width, height, y, rowMean, rowMeanSq, values, sigmaRow);
            SumSigmaRow(sigmaRow, blockSize, sigmaRowSums.AsSpan(y * blocksAcross, blocksAcross));
            return sigmaRow;
        }, _ => { });
        return new MscnField(width, height, blockSize, values, sigmaRowSums);
    }

    /// <summary>Horizontal pass of the window over I and I², replicating the first and last pixel.</summary>
    private static void FilterRow(ReadOnlySpan<double> src, Span<double> mean, Span<double> meanSq)
    {
        double[] g = MscnWindow.Window1D;
        const int r = MscnWindow.Radius;
        int w = src.Length, x = 0;
        for (; x < Math.Min(r, w); x++)
            FilterRowAt(src, x, mean, meanSq);
        for (; x + Vector<double>.Count <= w - r; x += Vector<double>.Count)
        {
            Vector<double> m = Vector<double>.Zero, q = Vector<double>.Zero;
            for (int k = 0; k < MscnWindow.Size; k++)
            {
                var v = new Vector<double>(src.Slice(x - r + k));
                m += g[k] * v;
                q += g[k] * (v * v);
            }
            m.CopyTo(mean.Slice(x));
            q.CopyTo(meanSq.Slice(x));
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

    /// <summary>Vertical pass (rows replicated at the top and bottom), then the normalisation and the flat rule, for row y.</summary>
    private static void FilterColumnsAndNormalize(double[] image, int width, int height, int y, double[] rowMean,
        double[] rowMeanSq, double[] values, double[] sigmaRow)
    {
        double[] g = MscnWindow.Window1D;
        Span<int> rows = stackalloc int[MscnWindow.Size];
        for (int k = 0; k < rows.Length; k++)
            rows[k] = Math.Clamp(y - MscnWindow.Radius + k, 0, height - 1) * width;
        int line = y * width, x = 0;
        for (; x + Vector<double>.Count <= width; x += Vector<double>.Count)
        {
            Vector<double> m = Vector<double>.Zero, q = Vector<double>.Zero;
            for (int k = 0; k < MscnWindow.Size; k++)
            {
                m += g[k] * new Vector<double>(rowMean, rows[k] + x);
                q += g[k] * new Vector<double>(rowMeanSq, rows[k] + x);
            }
            var sigma = Vector.SquareRoot(Vector.Abs(q - m * m));
            var pixel = new Vector<double>(image, line + x);
            var centred = pixel - m;
            (centred / (sigma + Vector<double>.One)).CopyTo(values, line + x);
            sigma.CopyTo(sigmaRow, x);
            var nearZero = Vector.LessThanOrEqual(Vector.Abs(centred), (Vector.Abs(pixel) + Vector<double>.One) * ResidueBound);
            if (nearZero != Vector<long>.Zero)
                for (int l = 0; l < Vector<double>.Count; l++)
                    if (nearZero[l] != 0)
                        values[line + x + l] = ReferencePixel(image, width, height, x + l, y, out sigmaRow[x + l]);
        }
        for (; x < width; x++)
        {
            double m = 0, q = 0;
            for (int k = 0; k < MscnWindow.Size; k++)
            {
                m += g[k] * rowMean[rows[k] + x];
                q += g[k] * rowMeanSq[rows[k] + x];
            }
            double pixel = image[line + x];
            values[line + x] = Math.Abs(pixel - m) <= (Math.Abs(pixel) + 1) * ResidueBound
                ? ReferencePixel(image, width, height, x, y, out sigmaRow[x])
                : Normalize(pixel, m, q, out sigmaRow[x]);
        }
    }
}
