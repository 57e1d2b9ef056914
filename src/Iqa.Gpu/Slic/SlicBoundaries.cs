using System.Runtime.CompilerServices;
using Iqa.Gpu.Images;
using NetVips;

namespace Iqa.Gpu.Slic;

/// <summary>
/// Superpixel boundaries as <c>skimage.segmentation.mark_boundaries(image, labels)</c> draws them with its defaults
/// (skimage/segmentation/boundaries.py, 0.19.3): <c>mode='outer'</c>, <c>background_label=0</c>, colour (1, 1, 0),
/// no outline. <c>find_boundaries(labels, mode='outer', background=0)</c> marks a pixel when the maximum and minimum
/// label over its 4-neighbourhood (itself included; scipy's grey dilation/erosion, whose 'reflect' border adds no new
/// value) differ, and the pixel is background (label 0) or the maximum over its 8-neighbourhood differs from the
/// minimum there with background counted as the largest label. With <c>start_label=1</c> there is no background,
/// so this is the 'thick' boundary: both pixels on either side of every label change, two pixels wide.
/// </summary>
public static class SlicBoundaries
{
    /// <summary><c>find_boundaries(labels, mode='outer', background=0)</c>, row-major.</summary>
    public static bool[] Find(SlicResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        int w = result.Width, h = result.Height;
        var labels = result.Labels;
        var marked = new bool[labels.Length];
        Parallel.For(0, h, y => MarkRow(labels, marked, w, h, y));
        return marked;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MarkRow(int[] labels, bool[] marked, int w, int h, int y)
    {
        for (int x = 0; x < w; x++)
        {
            int at = y * w + x, label = labels[at];
            int crossMax = label, crossMin = label;
            int squareMax = label, squareMin = Inverted(label);
            for (int dy = -1; dy <= 1; dy++)
            {
                int yy = y + dy;
                if (yy < 0 || yy >= h)
                    continue;
                for (int dx = -1; dx <= 1; dx++)
                {
                    int xx = x + dx;
                    if (xx < 0 || xx >= w)
                        continue;
                    int v = labels[yy * w + xx];
                    if (dx == 0 || dy == 0)
                    {
                        crossMax = Math.Max(crossMax, v);
                        crossMin = Math.Min(crossMin, v);
                    }
                    squareMax = Math.Max(squareMax, v);
                    squareMin = Math.Min(squareMin, Inverted(v));
                }
            }
            bool background = label == 0;
            marked[at] = crossMax != crossMin && (background || squareMax != squareMin);
        }

        // Background replaced by the dtype's largest value (labels are int32 here, as in the reference data).
        static int Inverted(int label) => label == 0 ? int.MaxValue : label;
    }

    /// <summary>
    /// Writes <c>img_as_ubyte(mark_boundaries(image, labels))</c> (8-bit input) or its <c>img_as_uint</c> (16-bit
    /// input) as an RGB PNG: the image's own samples (gray repeated to RGB, alpha dropped) with boundary pixels yellow.
    /// </summary>
    public static void WriteOverlay(DecodedImage image, SlicResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(result);
        if ((image.Width, image.Height) != (result.Width, result.Height))
            throw new IqaException($"{path}: image {image.Width}x{image.Height} and labels {result.Width}x{result.Height} differ in size");
        if (!Path.GetExtension(path).Equals(".png", StringComparison.OrdinalIgnoreCase))
            throw new IqaException($"{path}: the boundary overlay is written as .png");
        var boundaries = Find(result);
        int n = image.Width * image.Height, bands = image.Bands, colour = image.ColorBands;
        if (image.Bytes is not null)
        {
            var rgb = new byte[3 * n];
            var source = image.Bytes!;
            for (int p = 0; p < n; p++)
                for (int c = 0; c < 3; c++)
                    rgb[3 * p + c] = boundaries[p] ? (byte)(c < 2 ? byte.MaxValue : 0) : source[p * bands + (colour == 3 ? c : 0)];
            SavePng(path, Image.NewFromMemory(rgb, image.Width, image.Height, 3, Enums.BandFormat.Uchar), Enums.Interpretation.Srgb);
        }
        else
        {
            var rgb = new ushort[3 * n];
            var source = image.Words!;
            for (int p = 0; p < n; p++)
                for (int c = 0; c < 3; c++)
                    rgb[3 * p + c] = boundaries[p] ? (ushort)(c < 2 ? ushort.MaxValue : 0) : source[p * bands + (colour == 3 ? c : 0)];
            SavePng(path, Image.NewFromMemory(rgb, image.Width, image.Height, 3, Enums.BandFormat.Ushort), Enums.Interpretation.Rgb16);
        }
    }

    private static void SavePng(string path, Image pixels, Enums.Interpretation interpretation) =>
        SlicLabelFile.Save(path, () =>
        {
            using (pixels)
            using (var tagged = pixels.Copy(interpretation: interpretation))
                tagged.Pngsave(path);
        });
}
