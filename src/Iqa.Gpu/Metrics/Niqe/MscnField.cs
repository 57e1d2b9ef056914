namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// The mean-subtracted contrast-normalised field <c>structdis</c> of one scale (computequality.m), and, per
/// image row and block column, the sum of the local deviation σ over that row's part of the block, from which
/// the block sharpness of estimatemodelparam.m follows.
/// </summary>
internal sealed class MscnField(int width, int height, int blockSize, double[] values, double[] sigmaRowSums)
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public int BlockSize { get; } = blockSize;
    public int BlocksAcross => Width / BlockSize;
    public int BlocksDown => Height / BlockSize;

    /// <summary>MSCN values, row-major.</summary>
    public double[] Values { get; } = values;

    /// <summary>Σ σ over row y and block column bx, at [y * BlocksAcross + bx].</summary>
    public double[] SigmaRowSums { get; } = sigmaRowSums;

    /// <summary>Σ σ over block (bx, by), its row sums added from the top.</summary>
    public double BlockSigmaSum(int bx, int by)
    {
        double sum = 0;
        for (int y = by * BlockSize; y < (by + 1) * BlockSize; y++)
            sum += SigmaRowSums[y * BlocksAcross + bx];
        return sum;
    }
}
