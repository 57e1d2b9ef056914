using Iqa.Gpu.Slic;

namespace Iqa.Gpu.Regions;

/// <summary>A pixel rectangle: columns X .. X + Width − 1, rows Y .. Y + Height − 1.</summary>
public readonly record struct PixelBox(int X, int Y, int Width, int Height)
{
    public bool Contains(PixelBox other) =>
        other.X >= X && other.Y >= Y && other.X + other.Width <= X + Width && other.Y + other.Height <= Y + Height;
}

/// <summary>One superpixel: its label, bounding box, area in pixels and centroid (the mean pixel position).</summary>
public sealed record RegionShape(int Label, PixelBox Box, long Area, double CentroidX, double CentroidY);

/// <summary>
/// The superpixels of a reference image (a SLIC label map, one label per pixel) and each one's shape; labels index
/// <see cref="Shapes"/> directly (a label no pixel carries has none).
/// </summary>
public sealed class Superpixels
{
    public Superpixels(SlicResult slic, SlicParameters parameters)
    {
        Slic = slic;
        Parameters = parameters;
        Shapes = Measure(slic);
    }

    public SlicResult Slic { get; }

    public SlicParameters Parameters { get; }

    public int Width => Slic.Width;
    public int Height => Slic.Height;
    public int[] Labels => Slic.Labels;

    /// <summary>Indexed by label, 0 to the largest label; null where no pixel carries the label.</summary>
    public IReadOnlyList<RegionShape?> Shapes { get; }

    /// <summary>
    /// Bounding boxes, areas and centroids in one pass over the labels, run by run along each row (a superpixel crosses a
    /// row in a few runs); coordinate sums are integers, so exact.
    /// </summary>
    private static RegionShape?[] Measure(SlicResult slic)
    {
        int n = slic.MaxLabel + 1, w = slic.Width, h = slic.Height;
        var labels = slic.Labels;
        var area = new long[n];
        var sumX = new long[n];
        var sumY = new long[n];
        var x0 = Enumerable.Repeat(int.MaxValue, n).ToArray();
        var y0 = Enumerable.Repeat(int.MaxValue, n).ToArray();
        var x1 = new int[n];
        var y1 = new int[n];
        for (int y = 0; y < h; y++)
        {
            var row = labels.AsSpan(y * w, w);
            for (int start = 0, end; start < w; start = end)
            {
                int l = row[start];
                for (end = start + 1; end < w && row[end] == l; end++) { }
                long length = end - start;
                area[l] += length;
                sumX[l] += (start + end - 1L) * length / 2; // start + ... + end − 1
                sumY[l] += y * length;
                x0[l] = Math.Min(x0[l], start);
                x1[l] = Math.Max(x1[l], end - 1);
                y0[l] = Math.Min(y0[l], y);
                y1[l] = Math.Max(y1[l], y);
            }
        }
        var shapes = new RegionShape?[n];
        for (int l = 0; l < n; l++)
            if (area[l] > 0)
                shapes[l] = new RegionShape(l, new PixelBox(x0[l], y0[l], x1[l] - x0[l] + 1, y1[l] - y0[l] + 1), area[l],
                    (double)sumX[l] / area[l], (double)sumY[l] / area[l]);
        return shapes;
    }
}
