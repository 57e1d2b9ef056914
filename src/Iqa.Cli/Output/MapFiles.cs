using Iqa.Gpu;
using Iqa.Gpu.Images;
using Iqa.Gpu.Maps;
using Iqa.Gpu.Regions;

namespace Iqa.Cli.Output;

/// <summary>One metric's map of a pair, and the files it was written to (null where not asked for).</summary>
public sealed record WrittenMap(QualityMap Map, string? Png, string? Raw, string? Overlay);

/// <summary>What <c>iqa score</c> reports besides the scores: the maps and their files, the superpixels and the worst regions.</summary>
public sealed record AnalysisReport(PairAnalysis Pair, IReadOnlyList<WrittenMap> Maps, int Worst);

/// <summary>
/// File names of maps and overlays, and their writing. <c>iqa score</c>: the path given when one metric has a map, else
/// the metric's name before the extension (<c>out.png</c> → <c>out.ssim.png</c>, <c>out.psnr.png</c>). <c>iqa batch</c>:
/// <c>DIR/NAME.METRIC.png</c>, NAME the item's id, or the distorted file's path relative to the folder that holds all
/// of the run's distorted files, without its extension (subfolders kept).
/// </summary>
public static class MapFiles
{
    public static string Named(string path, string metric, bool several) =>
        several ? Path.Combine(Path.GetDirectoryName(path) ?? "", Path.GetFileNameWithoutExtension(path) + "." + metric + Path.GetExtension(path)) : path;

    /// <summary>Writes the pair's shown maps (PNG, raw) and, with regions, the overlays of the <paramref name="worst"/> regions.</summary>
    /// <exception cref="IqaException">A file can't be written.</exception>
    public static AnalysisReport Write(PairAnalysis pair, string? png, string? raw, string? overlay, int worst)
    {
        bool several = pair.Maps.Count > 1;
        var written = new List<WrittenMap>();
        foreach (var maps in pair.Maps)
        {
            string metric = maps.Metric.Name;
            string? pngPath = png is null ? null : Named(png, metric, several);
            string? rawPath = raw is null ? null : Named(raw, metric, several);
            string? overlayPath = overlay is null ? null : Named(overlay, metric, several);
            if (pngPath is not null)
                MapImage.WritePng(maps.Shown, pngPath, pair.Reference, pair.Distorted);
            if (rawPath is not null)
                MapImage.WriteTiff(maps.Shown, rawPath);
            if (overlayPath is not null && pair.Superpixels is { } superpixels && pair.ReferenceSource is DecodedImage image)
                RegionOverlay.WritePng(image, superpixels,
                    [.. pair.Regions.Single(r => r.Metric == metric).Ranked.Take(worst).Select(r => r.Shape)], overlayPath);
            written.Add(new WrittenMap(maps.Shown, pngPath, rawPath, overlayPath));
        }
        return new AnalysisReport(pair, written, worst);
    }
}
