using System.Globalization;
using Iqa.Gpu.Slic;

namespace Iqa.Cli.Output;

/// <summary>
/// What <c>iqa slic</c> reports: the image, the parameters as scikit-image names them, the device, and the segmentation's
/// figures as refdata/slic_ref defines them (<c>n_labels</c>, <c>lab_rms_weighted_mean</c>, sizes); timings when asked.
/// </summary>
public sealed record SlicReport(string Image, SlicParameters Parameters, string Accelerator, string Device, SlicResult Result,
    (double DecodeMs, double SegmentMs, double TotalMs)? Timings)
{
    /// <summary>The figures, named as the reference CSV names them.</summary>
    private IEnumerable<KeyValuePair<string, double>> Figures()
    {
        var q = Result.Quality;
        yield return new("n_labels", Result.LabelCount);
        yield return new("seeds", Result.Seeds);
        yield return new("lab_rms_weighted_mean", q.LabRmsWeightedMean);
        yield return new("lab_rms_pooled", q.LabRmsPooled);
        yield return new("lab_rms_unweighted_mean", q.LabRmsUnweightedMean);
        yield return new("min_size_px", q.MinSize);
        yield return new("max_size_px", q.MaxSize);
    }

    private IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        new("n_segments", Parameters.Segments.ToString(CultureInfo.InvariantCulture)),
        new("compactness", Parameters.Compactness.ToString("R", CultureInfo.InvariantCulture)),
        new("max_num_iter", Parameters.MaxIterations.ToString(CultureInfo.InvariantCulture)),
        new("sigma", "0"),
        new("enforce_connectivity", Parameters.EnforceConnectivity ? "true" : "false"),
        new("min_size_factor", Parameters.MinSizeFactor.ToString("R", CultureInfo.InvariantCulture)),
        new("max_size_factor", Parameters.MaxSizeFactor.ToString("R", CultureInfo.InvariantCulture)),
        new("start_label", Parameters.StartLabel.ToString(CultureInfo.InvariantCulture)),
        new("conventions", "scikit-image 0.19.3 slic"),
    ];

    public static void Write(TextWriter output, SlicReport report, OutputFormat format)
    {
        switch (format)
        {
            case OutputFormat.Json:
                output.WriteLine(JsonText.Build(json =>
                {
                    json.WriteStartObject();
                    json.WriteString("image", report.Image);
                    json.WriteStartObject("parameters");
                    foreach (var (key, value) in report.Settings())
                        json.WriteString(key, value);
                    json.WriteEndObject();
                    json.WriteString("accelerator", report.Accelerator);
                    json.WriteString("device", report.Device);
                    JsonFormatter.WriteScores(json, "segmentation", report.Figures());
                    if (report.Timings is { } t)
                    {
                        json.WriteStartObject("timings_ms");
                        json.WriteNumber("decode", Math.Round(t.DecodeMs, 3));
                        json.WriteNumber("segment", Math.Round(t.SegmentMs, 3));
                        json.WriteNumber("total", Math.Round(t.TotalMs, 3));
                        json.WriteEndObject();
                    }
                    json.WriteEndObject();
                }));
                break;
            case OutputFormat.Csv:
                var columns = report.Settings().Select(s => (s.Key, s.Value))
                    .Concat(report.Figures().Select(f => (f.Key, ScoreFormatting.Text(f.Value))))
                    .Prepend(("device", report.Device)).Prepend(("accelerator", report.Accelerator)).Prepend(("image", report.Image)).ToList();
                output.WriteLine(string.Join(',', columns.Select(c => Csv.Escape(c.Item1))));
                output.WriteLine(string.Join(',', columns.Select(c => Csv.Escape(c.Item2))));
                break;
            default:
                output.WriteLine($"image:       {report.Image}");
                output.WriteLine($"parameters:  {string.Join(", ", report.Settings().Select(s => $"{s.Key}={s.Value}"))}");
                output.WriteLine($"accelerator: {report.Accelerator}");
                output.WriteLine($"device:      {report.Device}");
                foreach (var (name, value) in report.Figures())
                    output.WriteLine($"  {name,-24} {ScoreFormatting.Text(value)}");
                if (report.Timings is { } times)
                    output.WriteLine($"timings (ms): decode {ScoreFormatting.Ms(times.DecodeMs)}, segment {ScoreFormatting.Ms(times.SegmentMs)}, total {ScoreFormatting.Ms(times.TotalMs)}");
                break;
        }
    }
}
