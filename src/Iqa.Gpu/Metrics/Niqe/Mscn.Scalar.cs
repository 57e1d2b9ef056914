using System.Runtime.CompilerServices;

namespace Iqa.Gpu.Metrics.Niqe;

internal static partial class Mscn
{
    /// <summary>
    /// The plain reference: <see cref="ReferencePixel"/> at every pixel, one at a time. It is the oracle for
    /// <see cref="ComputeVectorized"/> and the speed baseline.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static MscnField ComputeScalar(double[] image, int width, int height, int blockSize, double[] values)
    {
        int blocksAcross = width / blockSize;
        var sigmaRowSums = new double[height * blocksAcross];
        var sigmaRow = new double[width];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
                values[y * width + x] = ReferencePixel(image, width, height, x, y, out sigmaRow[x]);
            SumSigmaRow(sigmaRow, blockSize, sigmaRowSums.AsSpan(y * blocksAcross, blocksAcross));
        }
        return new MscnField(width, height, blockSize, values, sigmaRowSums);
    }
}
