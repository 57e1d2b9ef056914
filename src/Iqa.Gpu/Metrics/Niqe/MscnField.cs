namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// One block row of the mean-subtracted contrast-normalised field <c>structdis</c> of one scale
/// (computequality.m): <see cref="BlockSize"/> image rows, and, per row and block column, the sum of the local
/// deviation σ over that row's part of the block, from which the block sharpness of estimatemodelparam.m follows.
/// </summary>
internal sealed class MscnField(int width, int blockSize, double[] values, double[] sigmaRowSums)
{
    public int Width { get; } = width;
    public int BlockSize { get; } = blockSize;
    public int BlocksAcross => Width / BlockSize;

    /// <summary>MSCN values of the block row's image rows, row-major.</summary>
    public double[] Values { get; } = values;

    /// <summary>Σ σ over the block row's row y and block column bx, at [y * BlocksAcross + bx].</summary>
    public double[] SigmaRowSums { get; } = sigmaRowSums;

    /// <summary>Σ σ over block column <paramref name="bx"/>, its row sums added from the top.</summary>
    public double BlockSigmaSum(int bx)
    {
        double sum = 0;
        for (int y = 0; y < BlockSize; y++)
            sum += SigmaRowSums[y * BlocksAcross + bx];
        return sum;
    }
}
