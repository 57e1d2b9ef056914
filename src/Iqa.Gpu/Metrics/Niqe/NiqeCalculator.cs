using System.Runtime.CompilerServices;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;
using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// NIQE (Mittal, Soundararajan, Bovik, "Making a Completely Blind Image Quality Analyzer", 2012) as the LIVE
/// release's computequality.m computes it with 96×96 blocks, no overlap. The per-pixel and per-block work of each
/// scale (MSCN map, per-block AGGD sums) is done by one of: <see cref="Vectorized"/> (production host code: block
/// rows in parallel, each from its own band of rows, separable SIMD filtering), <see cref="Scalar"/> (plain
/// single-threaded double loops, the oracle and speed baseline) or a compute device (<see cref="On"/>). All share
/// the crop, the resize, the AGGD fits, the pooling and the distance, which run on the host; on the host the crop
/// and the resize are read a band at a time (<see cref="NiqeImage"/>), so no whole-image double plane is made.
/// <para>
/// The per-pixel loops are marked <see cref="MethodImplOptions.AggressiveOptimization"/>: a command-line run
/// scores a handful of images, too few for tiered compilation to replace their unoptimised first-tier code,
/// which runs them several times slower.
/// </para>
/// </summary>
public sealed class NiqeCalculator
{
    /// <summary>Block side at full scale (computequality.m's blocksizerow/blocksizecol); 48 at half scale.</summary>
    public const int BlockSize = 96;

    private readonly INiqeOperations _operations;
    private readonly bool _exhaustiveSearch;

    private NiqeCalculator(INiqeOperations operations, bool exhaustiveSearch)
    {
        _operations = operations;
        _exhaustiveSearch = exhaustiveSearch;
    }

    public static NiqeCalculator Vectorized { get; } = new(NiqeHost.Vectorized, exhaustiveSearch: false);

    /// <summary>The oracle: scalar loops and the linear scan of the shape table.</summary>
    public static NiqeCalculator Scalar { get; } = new(NiqeHost.Scalar, exhaustiveSearch: true);

    /// <summary>NIQE with each scale's MSCN map and block sums computed on <paramref name="device"/>.</summary>
    public static NiqeCalculator On(IComputeDevice device) => new(INiqeOperations.On(device), exhaustiveSearch: false);

    /// <summary>NIQE of a gray image (samples on the 0..255 scale) against the release's pristine model.</summary>
    public double Score(Plane gray) => Score(gray, NiqeModel.Default);

    /// <summary>NIQE of a gray image (samples on the 0..255 scale) against <paramref name="model"/>.</summary>
    /// <exception cref="IqaException">fewer than two whole 96×96 blocks</exception>
    public double Score(Plane gray, NiqeModel model)
    {
        if (gray.Width / BlockSize * (gray.Height / BlockSize) < 2)
            throw new IqaException(
                $"NIQE needs at least two whole {BlockSize}x{BlockSize} blocks to estimate the feature covariance, " +
                $"i.e. an image of at least {2 * BlockSize}x{BlockSize} or {BlockSize}x{2 * BlockSize} pixels; got {gray.Width}x{gray.Height}");
        return NiqeDistance.Compute(model, ExtractFeatures(gray));
    }

    /// <summary>
    /// The block features of computequality.m (and estimatemodelparam.m): crop to whole 96×96 blocks (top-left
    /// kept), MSCN and 18 features per 96×96 block, <c>imresize(im,0.5)</c>, MSCN and 18 features per 48×48
    /// block, plus each block's sharpness.
    /// </summary>
    /// <exception cref="IqaException">the image is smaller than one block</exception>
    public NiqeFeatures ExtractFeatures(Plane gray)
    {
        int across = gray.Width / BlockSize, down = gray.Height / BlockSize;
        if (across == 0 || down == 0)
            throw new IqaException($"NIQE needs an image of at least {BlockSize}x{BlockSize} pixels; got {gray.Width}x{gray.Height}");
        var image = NiqeImage.Cropped(gray, across * BlockSize, down * BlockSize);
        var values = new double[across * down * NiqeFeatures.PerBlock];
        var full = _operations.BlockStatistics(image, BlockSize);
        AddBlockFeatures(full.Sums, values, 0);
        // blkproc(sigma, [B B], @computemean) of estimatemodelparam.m.
        var sharpness = new double[across * down];
        for (int i = 0; i < sharpness.Length; i++)
            sharpness[i] = full.SigmaSums[i] / (BlockSize * BlockSize);

        AddBlockFeatures(_operations.BlockStatistics(new HalfScaleResize(image), BlockSize / 2).Sums, values, BlockFeatures.Count);
        return new NiqeFeatures(across, down, values, sharpness);
    }

    /// <summary>The 18 features of every block of one scale, into columns firstColumn … firstColumn + 17.</summary>
    private void AddBlockFeatures(AggdSums[] sums, double[] values, int firstColumn)
    {
        for (int i = 0; i < sums.Length / NiqeKernels.Fields; i++)
            BlockFeatures.FromSums(sums.AsSpan(i * NiqeKernels.Fields, NiqeKernels.Fields), _exhaustiveSearch,
                values.AsSpan(i * NiqeFeatures.PerBlock + firstColumn, BlockFeatures.Count));
    }
}
