namespace Iqa.Gpu.Slic;

/// <summary>
/// A SLIC label map: <see cref="Labels"/>[y * <see cref="Width"/> + x], values from <see cref="StartLabel"/> on,
/// exactly the array <c>skimage.segmentation.slic</c> returns (as int32, row-major).
/// </summary>
public sealed class SlicResult
{
    internal SlicResult(int width, int height, int[] labels, int startLabel, int seeds, SlicQuality quality)
    {
        Width = width;
        Height = height;
        Labels = labels;
        StartLabel = startLabel;
        Seeds = seeds;
        Quality = quality;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Row-major labels, one per pixel.</summary>
    public int[] Labels { get; }

    /// <summary>The first label (<see cref="SlicParameters.StartLabel"/>).</summary>
    public int StartLabel { get; }

    /// <summary>Number of seeds the grid placed (scikit-image's <c>n_centroids</c>; it differs from the requested count).</summary>
    public int Seeds { get; }

    /// <summary>Number of distinct labels (the superpixels).</summary>
    public int LabelCount => Quality.Labels;

    /// <summary>The largest label value.</summary>
    public int MaxLabel => Quality.MaxLabel;

    /// <summary>Size and colour homogeneity of the superpixels (see <see cref="SlicQuality"/>).</summary>
    public SlicQuality Quality { get; }
}
