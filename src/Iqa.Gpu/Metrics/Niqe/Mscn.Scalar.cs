using System.Runtime.CompilerServices;

namespace Iqa.Gpu.Metrics.Niqe;

internal static partial class Mscn
{
    /// <summary>
    /// The plain reference: <see cref="ReferencePixel"/> at every pixel of rows y0 … y0 + blockSize − 1, one at a
    /// time. It is the oracle for <see cref="ComputeVectorized"/> and the speed baseline.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ComputeScalar(ImageBand image, int y0, int blockSize, double[] values, double[] sigmaRowSums)
    {
        int width = image.Width, blocksAcross = width / blockSize;
        var sigmaRow = new double[width];
        for (int i = 0; i < blockSize; i++)
        {
            for (int x = 0; x < width; x++)
                values[i * width + x] = ReferencePixel(image, x, y0 + i, out sigmaRow[x]);
            SumSigmaRow(sigmaRow, blockSize, sigmaRowSums.AsSpan(i * blocksAcross, blocksAcross));
        }
    }
}
