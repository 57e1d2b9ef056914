using System.Globalization;
using Iqa.Gpu.Scoring;

namespace Iqa.Cli.Output;

/// <summary>
/// Results as CSV with a header row: a score result as one row (inputs, scores, provenance, timings); a video summary
/// as one row per score with its pooled statistics; a video log as one row per frame.
/// </summary>
public sealed class CsvFormatter : IResultFormatter
{
    public static CsvFormatter Instance { get; } = new();

    /// <summary>
    /// One row; with maps, their files and geometry as columns. With regions, the regions table instead
    /// (<see cref="AnalysisOutput.CsvRegionRows"/>): one row per metric and worst region.
    /// </summary>
    public void Score(TextWriter output, ScoreResult result, bool timings, AnalysisReport? analysis = null)
    {
        if (analysis?.Pair.Superpixels is not null)
        {
            WriteRows(output, AnalysisOutput.CsvRegionRows(result.Reference!, result.Image, result.Scores, analysis).Prepend(AnalysisOutput.CsvRegionHeader));
            return;
        }
        var header = result.Reference is null ? new List<string> { "image" } : ["ref", "dist"];
        var row = result.Reference is null ? new List<string> { result.Image } : [result.Reference, result.Image];
        foreach (var (name, value) in result.Scores)
        {
            header.Add(name);
            row.Add(ScoreFormatting.Text(value));
        }
        var p = result.Provenance;
        header.AddRange(["profile", "accelerator", "device"]);
        row.AddRange([p.Profile, p.Accelerator, p.Device]);
        foreach (var (key, value) in p.Settings.Concat(p.ComputedOn.Select(c => new KeyValuePair<string, string>($"computed_on.{c.Key}", c.Value))))
        {
            header.Add(key);
            row.Add(value);
        }
        foreach (var (name, value) in analysis is null ? [] : AnalysisOutput.CsvMapColumns(analysis))
        {
            header.Add(name);
            row.Add(value);
        }
        if (timings)
        {
            header.AddRange(["decode_ms", "compute_ms", "total_ms"]);
            row.AddRange([ScoreFormatting.Ms(result.Timings.DecodeMs), ScoreFormatting.Ms(result.Timings.ComputeMs),
                ScoreFormatting.Ms(result.Timings.TotalMs)]);
        }
        WriteRows(output, [[.. header], [.. row]]);
    }

    public void VideoSummary(TextWriter output, VideoResult result) => WriteRows(output, PooledRows(result));

    /// <summary>The per-frame log: <c>frameNum</c> and every score, one row per frame.</summary>
    public static void VideoFrames(TextWriter output, VideoResult result) =>
        WriteRows(output, result.Frames.Select(f => result.ScoreNames.Select(n => ScoreFormatting.Text(f.Scores[n]))
                .Prepend(f.FrameNum.ToString(CultureInfo.InvariantCulture)).ToArray())
            .Prepend([.. result.ScoreNames.Prepend("frameNum")]));

    /// <summary>The pooled statistics, one row per score, with the header <c>metric,min,max,...</c>.</summary>
    public static IEnumerable<string[]> PooledRows(VideoResult result) =>
        result.Pooled.Select(p => p.Value.Named().Select(s => ScoreFormatting.Text(s.Value)).Prepend(p.Key).ToArray())
            .Prepend(["metric", .. PooledStatistics.Names]);

    private static void WriteRows(TextWriter output, IEnumerable<string[]> rows)
    {
        foreach (var row in rows)
            output.WriteLine(string.Join(',', row.Select(Csv.Escape)));
    }
}
