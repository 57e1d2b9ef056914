using Iqa.Gpu.Images;

namespace Iqa.Gpu.Slic;

/// <summary>
/// A SLIC label map: <see cref="Labels"/>[y * <see cref="Width"/> + x], values from <see cref="StartLabel"/> on,
/// exactly the array <c>skimage.segmentation.slic</c> returns (as int32, row-major).
/// </summary>
public sealed class SlicResult
{
    private readonly Lazy<SlicQuality> _quality;

    internal SlicResult(DecodedImage image, int[] labels, int startLabel, int seeds)
    {
        Width = image.Width;
        Height = image.Height;
        Labels = labels;
        StartLabel = startLabel;
        Seeds = seeds;
        var present = new bool[labels.Length + 1];
        int count = 0, max = int.MinValue;
        foreach (int label in labels)
        {
            max = Math.Max(max, label);
            // Labels lie in [start label - 1, pixels + start label - 1] (the first only for never-covered pixels).
            int slot = label - startLabel + 1;
            if (!present[slot])
            {
                present[slot] = true;
                count++;
            }
        }
        LabelCount = count;
        MaxLabel = max;
        _quality = new Lazy<SlicQuality>(() => SlicQuality.Measure(image, labels));
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Row-major labels, one per pixel.</summary>
    public int[] Labels { get; }

    /// <summary>The first label (<see cref="SlicParameters.StartLabel"/>).</summary>
    public int StartLabel { get; }

    /// <summary>Number of seeds the grid placed (scikit-image's <c>n_centroids</c>; it differs from the requested count).</summary>
    public int Seeds { get; }

    /// <summary>Number of distinct labels: the superpixels (<c>n_labels</c> of refdata/slic_ref).</summary>
    public int LabelCount { get; }

    /// <summary>The largest label value.</summary>
    public int MaxLabel { get; }

    /// <summary>
    /// Size and colour homogeneity of the superpixels (see <see cref="SlicQuality"/>), computed on first use: it needs
    /// a Lab conversion of the original image, which segmentation itself does not.
    /// </summary>
    public SlicQuality Quality => _quality.Value;
}
