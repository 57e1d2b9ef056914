using System.Globalization;
using System.Text.Json;
using Iqa.Gpu.Maps;
using Iqa.Gpu.Regions;

namespace Iqa.Cli.Output;

/// <summary>The maps and regions of <c>iqa score</c> in each output format (README, "Quality maps and regions").</summary>
public static class AnalysisOutput
{
    /// <summary>What the geometry means, written beside it.</summary>
    public const string GeometryRule = "image coordinate of sample i (a column or a row) is offset plus scale times i";

    /// <summary>The <c>maps</c> array and, with regions, the <c>regions</c> object.</summary>
    public static void WriteJson(Utf8JsonWriter json, AnalysisReport report)
    {
        json.WriteStartArray("maps");
        foreach (var written in report.Maps)
        {
            var map = written.Map;
            json.WriteStartObject();
            json.WriteString("metric", map.Metric);
            json.WriteString("quantity", map.Quantity);
            if (map.Scale is { } scale)
                json.WriteNumber("scale", scale);
            json.WriteString("description", map.Description);
            json.WriteNumber("width", map.Width);
            json.WriteNumber("height", map.Height);
            json.WriteStartObject("geometry");
            json.WriteNumber("offset", map.Geometry.Offset);
            json.WriteNumber("scale", map.Geometry.Scale);
            json.WriteString("rule", GeometryRule);
            json.WriteEndObject();
            var (min, max, mean) = map.Summary;
            json.WriteNumber("min", min);
            json.WriteNumber("max", max);
            json.WriteNumber("mean", mean);
            WriteOptional(json, "png", written.Png);
            WriteOptional(json, "raw", written.Raw);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (report.Pair.Superpixels is not { } superpixels)
            return;
        json.WriteStartObject("regions");
        json.WriteNumber("segments", superpixels.Parameters.Segments);
        json.WriteNumber("compactness", superpixels.Parameters.Compactness);
        json.WriteNumber("superpixels", superpixels.Slic.LabelCount);
        json.WriteStartObject("metrics");
        foreach (var metric in report.Pair.Regions)
        {
            json.WriteStartObject(metric.Metric);
            json.WriteNumber("regions_scored", metric.Ranked.Count);
            foreach (var (name, value) in metric.Pooled())
                ScoreFormatting.Write(json, name, value);
            WriteOptional(json, "overlay", report.Maps.Single(m => m.Map.Metric == metric.Metric).Overlay);
            json.WriteStartArray("worst");
            foreach (var (region, rank) in metric.Ranked.Take(report.Worst).Select((r, i) => (r, i + 1)))
            {
                var shape = region.Shape;
                json.WriteStartObject();
                json.WriteNumber("rank", rank);
                json.WriteNumber("label", shape.Label);
                json.WriteStartObject("bbox");
                json.WriteNumber("x", shape.Box.X);
                json.WriteNumber("y", shape.Box.Y);
                json.WriteNumber("width", shape.Box.Width);
                json.WriteNumber("height", shape.Box.Height);
                json.WriteEndObject();
                json.WriteNumber("area", shape.Area);
                json.WriteStartObject("centroid");
                json.WriteNumber("x", Math.Round(shape.CentroidX, 3));
                json.WriteNumber("y", Math.Round(shape.CentroidY, 3));
                json.WriteEndObject();
                json.WriteNumber("samples", region.Samples);
                ScoreFormatting.Write(json, "score", region.Score);
                json.WriteNumber("error_share", region.ErrorShare);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The maps, one line each, then per metric the worst regions as a table.</summary>
    public static void WriteTable(TextWriter output, AnalysisReport report)
    {
        foreach (var written in report.Maps)
        {
            var map = written.Map;
            var (min, max, mean) = map.Summary;
            string files = string.Join(", ", new[] { written.Png, written.Raw }.OfType<string>());
            output.WriteLine($"map {map.Metric}: {map.Description}; {map.Width}x{map.Height}, sample i at {Number(map.Geometry.Offset)} + {Number(map.Geometry.Scale)} i; " +
                             $"range {Number(min)} to {Number(max)}, mean {Number(mean)}{(files.Length > 0 ? " -> " + files : "")}");
        }
        if (report.Pair.Superpixels is not { } superpixels)
            return;
        output.WriteLine($"regions: {superpixels.Slic.LabelCount} SLIC superpixels of the reference (segments {superpixels.Parameters.Segments}, compactness {Number(superpixels.Parameters.Compactness)})");
        foreach (var metric in report.Pair.Regions)
        {
            string pooled = string.Join(", ", metric.Pooled().Select(p => $"{p.Key} {ScoreFormatting.Text(p.Value)}"));
            string? overlay = report.Maps.Single(m => m.Map.Metric == metric.Metric).Overlay;
            output.WriteLine($"worst {metric.Metric} regions of {metric.Ranked.Count} ({pooled}){(overlay is null ? "" : " -> " + overlay)}:");
            var rows = new List<string[]> { new[] { "  rank", "label", "bbox (x,y,w,h)", "area", "centroid", "score", "error share" } };
            rows.AddRange(metric.Ranked.Take(report.Worst).Select((r, i) => new[]
            {
                $"  {i + 1}", Number(r.Shape.Label), $"{r.Shape.Box.X},{r.Shape.Box.Y},{r.Shape.Box.Width},{r.Shape.Box.Height}",
                Number(r.Shape.Area), string.Create(CultureInfo.InvariantCulture, $"{r.Shape.CentroidX:F1},{r.Shape.CentroidY:F1}"), Score(r.Score),
                r.ErrorShare.ToString("P2", CultureInfo.InvariantCulture),
            }));
            TextTable.Write(output, rows);
        }
    }

    /// <summary>Columns added to the score row per map: its files and geometry.</summary>
    public static IEnumerable<(string Header, string Value)> CsvMapColumns(AnalysisReport report) =>
        report.Maps.SelectMany(m => new[]
        {
            ($"map.{m.Map.Metric}", m.Png ?? ""),
            ($"map_raw.{m.Map.Metric}", m.Raw ?? ""),
            ($"map_offset.{m.Map.Metric}", Number(m.Map.Geometry.Offset)),
            ($"map_scale.{m.Map.Metric}", Number(m.Map.Geometry.Scale)),
        });

    /// <summary>The header of the regions table <c>--format csv</c> prints with --regions.</summary>
    public static readonly string[] CsvRegionHeader =
        ["ref", "dist", "metric", "score", "rank", "label", "x", "y", "width", "height", "area", "centroid_x", "centroid_y", "samples", "region_score", "error_share"];

    /// <summary>One row per metric and worst region, with the metric's score for the whole pair.</summary>
    public static IEnumerable<string[]> CsvRegionRows(string reference, string distorted, IReadOnlyDictionary<string, double> scores, AnalysisReport report) =>
        report.Pair.Regions.SelectMany(metric => metric.Ranked.Take(report.Worst).Select((r, i) => new[]
        {
            reference, distorted, metric.Metric, ScoreFormatting.Text(scores[metric.Metric]), Number(i + 1), Number(r.Shape.Label),
            Number(r.Shape.Box.X), Number(r.Shape.Box.Y), Number(r.Shape.Box.Width), Number(r.Shape.Box.Height), Number(r.Shape.Area),
            Number(Math.Round(r.Shape.CentroidX, 3)), Number(Math.Round(r.Shape.CentroidY, 3)), Number(r.Samples),
            ScoreFormatting.Text(r.Score), ScoreFormatting.Text(r.ErrorShare),
        }));

    private static string Score(double value) =>
        double.IsFinite(value) ? value.ToString("G6", CultureInfo.InvariantCulture) : ScoreFormatting.Text(value);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
            json.WriteString(name, value);
    }
}
