namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// The per-block NIQE features of one image: for each 96×96 block (row-major over the block grid), the 18
/// features of its full-scale MSCN block then the 18 of the corresponding 48×48 half-scale block, and the
/// block's sharpness (mean full-scale σ, estimatemodelparam.m). Features can be NaN where a block has no
/// negative or no positive samples, as in the release.
/// </summary>
public sealed class NiqeFeatures
{
    /// <summary>Features per block: 18 per scale, two scales.</summary>
    public const int PerBlock = 2 * BlockFeatures.Count;

    internal NiqeFeatures(int blocksAcross, int blocksDown, double[] values, double[] sharpness)
    {
        BlocksAcross = blocksAcross;
        BlocksDown = blocksDown;
        Values = values;
        Sharpness = sharpness;
    }

    public int BlocksAcross { get; }
    public int BlocksDown { get; }
    public int BlockCount => BlocksAcross * BlocksDown;

    /// <summary>BlockCount × 36 features, row-major.</summary>
    internal double[] Values { get; }

    internal double[] Sharpness { get; }

    /// <summary>The 36 features of block <paramref name="index"/> (block row × BlocksAcross + block column).</summary>
    public ReadOnlySpan<double> Block(int index) => Values.AsSpan(index * PerBlock, PerBlock);

    /// <summary>Mean full-scale σ of block <paramref name="index"/>.</summary>
    public double BlockSharpness(int index) => Sharpness[index];
}
