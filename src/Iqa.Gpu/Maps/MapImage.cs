using System.Globalization;
using Iqa.Gpu.Slic;
using ScottPlot;

namespace Iqa.Gpu.Maps;

/// <summary>
/// Writes a quality map: as a picture (PNG rendered headless with ScottPlot 5: the viridis colour map, perceptually
/// uniform, over the value range; a colour bar; axes in image pixel coordinates through the map's geometry; a title
/// with the metric, the inputs and the range), or as its raw float32 values (a one-band TIFF, deflate-compressed).
/// </summary>
public static class MapImage
{
    /// <summary>The longest side of the drawn map area, in output pixels (small maps are enlarged, large ones reduced).</summary>
    private const int DrawnSide = 1000;

    /// <exception cref="IqaException">The path is not a .png, or the file can't be written.</exception>
    public static void WritePng(QualityMap map, string path, string reference, string distorted)
    {
        RequireExtension(path, ".png");
        using var plot = Build(map, reference, distorted);
        double zoom = (double)DrawnSide / Math.Max(map.Width, map.Height);
        int width = (int)Math.Round(map.Width * zoom) + 260, height = (int)Math.Round(map.Height * zoom) + 200;
        SlicLabelFile.Save(path, () => plot.SavePng(path, width, height));
    }

    /// <summary>The values as stored (float32, row-major), readable by libvips, tifffile, OpenCV or MATLAB.</summary>
    /// <exception cref="IqaException">The path is not a .tif/.tiff, or the file can't be written.</exception>
    public static void WriteTiff(QualityMap map, string path)
    {
        RequireExtension(path, ".tif", ".tiff");
        SlicLabelFile.Save(path, () =>
        {
            using var image = NetVips.Image.NewFromMemory(map.Values, map.Width, map.Height, 1, NetVips.Enums.BandFormat.Float);
            image.Tiffsave(path, compression: NetVips.Enums.ForeignTiffCompression.Deflate);
        });
    }

    internal static Plot Build(QualityMap map, string reference, string distorted)
    {
        var plot = new Plot();
        var cells = new double[map.Height, map.Width];
        for (int r = 0; r < map.Height; r++)
            for (int c = 0; c < map.Width; c++)
                cells[r, c] = map.Values[r * map.Width + c];
        var heatmap = plot.Add.Heatmap(cells);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        var (min, max, mean) = map.Summary;
        // The squared error is heavy-tailed (a few pixels far above the rest): its colours stop at the 99.5th percentile.
        double colourTop = map.Quantity == "squared_error" ? Percentile995(map.Values) : max;
        heatmap.ManualRange = new ScottPlot.Range(min, colourTop > min ? colourTop : min + 1);
        // Cell edges in image coordinates: sample i covers [offset + scale i − scale/2, offset + scale i + scale/2).
        var g = map.Geometry;
        double half = g.Scale / 2;
        double left = g.Offset - half, right = g.ImageCoordinate(map.Width - 1) + half;
        double top = g.Offset - half, bottom = g.ImageCoordinate(map.Height - 1) + half;
        heatmap.Rectangle = new CoordinateRect(left, right, top, bottom);
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = map.Quantity + (map.Quantity == "squared_error" ? " (sample units²)" : "");
        // Image rows go down: the vertical axis descends, so row 0 is drawn at the top.
        plot.Axes.SetLimits(left, right, bottom, top);
        plot.XLabel("image x (pixels)");
        plot.YLabel("image y (pixels)");
        plot.Title($"{map.Metric}: {map.Description}\n{Path.GetFileName(reference)} vs {Path.GetFileName(distorted)}\n" +
                   $"{map.Width}x{map.Height} values, range {Format(min)} to {Format(max)}, mean {Format(mean)}" +
                   (colourTop < max ? $"; colours stop at the 99.5th percentile, {Format(colourTop)}" : ""), size: 13);
        return plot;
    }

    private static double Percentile995(float[] values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted[(int)(0.995 * (sorted.Length - 1))];
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static void RequireExtension(string path, params string[] extensions)
    {
        if (!extensions.Contains(Path.GetExtension(path).ToLowerInvariant()))
            throw new IqaException($"{path}: a map is written as {string.Join(" or ", extensions)}");
    }
}
