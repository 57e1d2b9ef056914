using System.Buffers;
using System.Runtime.CompilerServices;
using Iqa.Gpu.Images;

namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// NIQE (Mittal, Soundararajan, Bovik, "Making a Completely Blind Image Quality Analyzer", 2012) as the LIVE
/// release's computequality.m computes it with 96×96 blocks, no overlap. Two implementations of the same
/// computation: <see cref="Vectorized"/> (production: separable SIMD filtering in parallel row bands, blocks
/// in parallel, bisection over the shape table) and <see cref="Scalar"/> (plain single-threaded double loops,
/// the oracle and speed baseline). Both share the resize, the AGGD fit, the pooling and the distance.
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

    private NiqeCalculator(bool vectorized) => IsVectorized = vectorized;

    public static NiqeCalculator Vectorized { get; } = new(true);
    public static NiqeCalculator Scalar { get; } = new(false);

    public bool IsVectorized { get; }

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
        int width = across * BlockSize, height = down * BlockSize;
        // Scratch planes come from the shared pool: a fresh 16 MB array per 1080p plane would cost more in
        // page faults and zeroing than the filtering itself.
        var pool = ArrayPool<double>.Shared;
        double[] image = pool.Rent(width * height), field = pool.Rent(width * height), half = pool.Rent(width * height / 4);
        try
        {
            CopyCropped(gray, width, height, image);

            var values = new double[across * down * NiqeFeatures.PerBlock];
            var full = Mscn.Compute(image, width, height, BlockSize, IsVectorized, field);
            AddBlockFeatures(full, values, 0);
            var sharpness = new double[across * down];
            for (int by = 0; by < down; by++)
                for (int bx = 0; bx < across; bx++)
                    sharpness[by * across + bx] = full.BlockMeanSigma(bx, by);

            // The full-scale field is done with; the half-scale field reuses its buffer.
            HalfScaleResize.Apply(image, width, height, half);
            AddBlockFeatures(Mscn.Compute(half, width / 2, height / 2, BlockSize / 2, IsVectorized, field), values, BlockFeatures.Count);
            return new NiqeFeatures(across, down, values, sharpness);
        }
        finally
        {
            pool.Return(image);
            pool.Return(field);
            pool.Return(half);
        }
    }

    private static void CopyCropped(Plane gray, int width, int height, double[] image) =>
        Parallel.For(0, height, y => CopyRow(gray.Row(y)[..width], image.AsSpan(y * width, width)));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopyRow(ReadOnlySpan<float> src, Span<double> dst)
    {
        for (int x = 0; x < src.Length; x++)
            dst[x] = src[x];
    }

    private void AddBlockFeatures(MscnField field, double[] values, int firstColumn)
    {
        int across = field.BlocksAcross;
        void Block(int i) => BlockFeatures.Compute(field, i % across, i / across, IsVectorized,
            values.AsSpan(i * NiqeFeatures.PerBlock + firstColumn, BlockFeatures.Count));
        int count = across * field.BlocksDown;
        if (IsVectorized)
            Parallel.For(0, count, Block);
        else
            for (int i = 0; i < count; i++)
                Block(i);
    }
}
