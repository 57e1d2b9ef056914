using System.Runtime.CompilerServices;
using Iqa.Gpu.Images;

namespace Iqa.Gpu.Slic;

/// <summary>
/// How homogeneous the superpixels are in CIELAB (ΔE76), with the definitions of
/// refdata/slic_ref/README.md. Lab is <c>skimage.color.rgb2lab</c> of the original image (samples × 1/255 or
/// × 1/65535, no stretch; a gray image as R = G = B), not SLIC's stretched copy. For superpixel s with n_s pixels,
/// mean colour m_s and r_s = sqrt(Σ‖Lab_i − m_s‖² / n_s):
/// </summary>
/// <param name="Labels">number of distinct labels (<c>n_labels</c>)</param>
/// <param name="LabRmsWeightedMean">Σ n_s r_s / Σ n_s (<c>lab_rms_weighted_mean</c>)</param>
/// <param name="LabRmsPooled">sqrt(Σ_i ‖Lab_i − m_s(i)‖² / N) (<c>lab_rms_pooled</c>)</param>
/// <param name="LabRmsUnweightedMean">mean of r_s over the superpixels (<c>lab_rms_unweighted_mean</c>)</param>
/// <param name="MinSize">pixels in the smallest superpixel (<c>min_size_px</c>)</param>
/// <param name="MaxSize">pixels in the largest superpixel (<c>max_size_px</c>)</param>
public sealed record SlicQuality(int Labels, double LabRmsWeightedMean, double LabRmsPooled,
    double LabRmsUnweightedMean, int MinSize, int MaxSize)
{
    /// <summary>The figures of <paramref name="labels"/> (values from -1 up: start label 0 or 1) on <paramref name="image"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static SlicQuality Measure(DecodedImage image, int[] labels)
    {
        var samples = ImageSamples.Of(image);
        int w = image.Width, h = image.Height, n = w * h;
        double unit = 1.0 / samples.TypeMax;
        var values = new double[samples.Levels];
        for (int v = 0; v < values.Length; v++)
            values[v] = v * unit;
        var lab = new double[3 * n];
        SlicFeatures.LabRows(samples, SkimageLab.Expand(values), 1.0, lab);
        // Slot = label + 1: a never-covered pixel keeps start label - 1, which is -1 for start label 0.
        int maxLabel = 0;
        foreach (int l in labels)
            maxLabel = Math.Max(maxLabel, l + 1);
        var count = new long[maxLabel + 1];
        var mean = new double[3 * (maxLabel + 1)];
        for (int i = 0; i < n; i++)
        {
            int s = labels[i] + 1;
            count[s]++;
            for (int c = 0; c < 3; c++)
                mean[3 * s + c] += lab[c * n + i];
        }
        for (int s = 0; s <= maxLabel; s++)
            for (int c = 0; c < 3; c++)
                mean[3 * s + c] /= Math.Max(count[s], 1);
        // Second pass about the means: no cancellation between Σx² and (Σx)².
        var squares = new double[maxLabel + 1];
        for (int i = 0; i < n; i++)
        {
            int s = labels[i] + 1;
            for (int c = 0; c < 3; c++)
            {
                double d = lab[c * n + i] - mean[3 * s + c];
                squares[s] += d * d;
            }
        }
        int present = 0, minSize = int.MaxValue, maxSize = 0;
        double weighted = 0, unweighted = 0, pooled = 0;
        for (int s = 0; s <= maxLabel; s++)
        {
            if (count[s] == 0)
                continue;
            present++;
            minSize = (int)Math.Min(minSize, count[s]);
            maxSize = (int)Math.Max(maxSize, count[s]);
            double rms = Math.Sqrt(squares[s] / count[s]);
            weighted += count[s] * rms;
            unweighted += rms;
            pooled += squares[s];
        }
        return new SlicQuality(present, weighted / n, Math.Sqrt(pooled / n), unweighted / present, minSize, maxSize);
    }
}
