using Iqa.Gpu.Images;

namespace Iqa.Gpu.Slic;

/// <summary>
/// SLIC superpixels exactly as scikit-image 0.19.3's <c>skimage.segmentation.slic(image, n_segments, compactness,
/// start_label=...)</c> computes them (docs/slic.md): the same label map, bit for bit.
/// </summary>
public static class SlicSegmentation
{
    /// <summary>Segments <paramref name="image"/> on the CPU (all cores).</summary>
    public static SlicResult Segment(DecodedImage image, SlicParameters parameters) =>
        Run(image, parameters, OnFeatures(SlicCpu.Cluster), SlicConnectivity.Enforce);

    /// <summary>
    /// The scalar ports of scikit-image's loops (<see cref="SlicReference"/>,
    /// <see cref="SlicConnectivity.EnforcePixelwise"/>): slow, for checking.
    /// </summary>
    internal static SlicResult SegmentReference(DecodedImage image, SlicParameters parameters) =>
        Run(image, parameters, OnFeatures(SlicReference.Segment), SlicConnectivity.EnforcePixelwise);

    /// <summary>A k-means core on the host's features (<see cref="SlicFeatures.Prepare"/>).</summary>
    private static Func<DecodedImage, SlicGrid, SlicParameters, int[]> OnFeatures(Func<SlicFeatures, SlicGrid, SlicParameters, int[]> cluster) =>
        (image, grid, p) => cluster(SlicFeatures.Prepare(image, p.Compactness), grid, p);

    /// <summary>
    /// The steps around the k-means core, shared by every implementation of it: checks and seeds, the core (features
    /// and iterations; it returns labels from <see cref="SlicParameters.StartLabel"/>), then connectivity (arguments:
    /// labels, width, height, min size, max size, start label).
    /// </summary>
    internal static SlicResult Run(DecodedImage image, SlicParameters parameters,
        Func<DecodedImage, SlicGrid, SlicParameters, int[]> cluster, Func<int[], int, int, int, int, int, int[]> connectivity)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        if (image.Width < 1 || image.Height < 1)
            throw new IqaException($"slic: the image is empty ({image.Width}x{image.Height})");
        var grid = SlicGrid.Create(image.Width, image.Height, parameters.Segments);
        var labels = cluster(image, grid, parameters);
        if (parameters.EnforceConnectivity)
        {
            var (min, max) = SlicConnectivity.Sizes(image.Width, image.Height, grid.Count, parameters);
            labels = connectivity(labels, image.Width, image.Height, min, max, parameters.StartLabel);
        }
        return new SlicResult(image, labels, parameters.StartLabel, grid.Count);
    }
}
