using System.Runtime.CompilerServices;
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
        (LabelCount, MaxLabel) = Count(labels);
        _quality = new Lazy<SlicQuality>(() => SlicQuality.Measure(image, labels));
    }

    /// <summary>Distinct labels and the largest one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Distinct, int Max) Count(int[] labels)
    {
        int min = labels.Min(), max = labels.Max(), count = 0;
        // SLIC's labels are dense: from start label (start label - 1 for a pixel no window ever covered) up.
        var present = new bool[(long)max - min + 1];
        foreach (int label in labels)
        {
            if (!present[label - min])
            {
                present[label - min] = true;
                count++;
            }
        }
        return (count, max);
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
