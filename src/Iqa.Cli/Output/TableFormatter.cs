using Iqa.Gpu.Scoring;

namespace Iqa.Cli.Output;

/// <summary>Results as aligned text for people: inputs, provenance, then one line per score.</summary>
public sealed class TableFormatter : IResultFormatter
{
    public static TableFormatter Instance { get; } = new();

    public void Score(TextWriter output, ScoreResult result, bool timings, AnalysisReport? analysis = null)
    {
        if (result.Reference is not null)
        {
            output.WriteLine($"ref:         {result.Reference}");
            output.WriteLine($"dist:        {result.Image}");
        }
        else
            output.WriteLine($"image:       {result.Image}");
        WriteProvenance(output, result.Provenance);
        int width = Math.Max(10, result.Scores.Keys.Max(k => k.Length));
        foreach (var (name, value) in result.Scores)
            output.WriteLine($"  {name.PadRight(width)} {ScoreFormatting.Text(value)}");
        if (analysis is not null)
            AnalysisOutput.WriteTable(output, analysis);
        if (timings)
            output.WriteLine($"timings (ms): decode {ScoreFormatting.Ms(result.Timings.DecodeMs)}, compute {ScoreFormatting.Ms(result.Timings.ComputeMs)}, total {ScoreFormatting.Ms(result.Timings.TotalMs)}");
    }

    public void VideoSummary(TextWriter output, VideoResult result)
    {
        output.WriteLine($"ref:         {result.Reference.Path} ({result.Reference.Description})");
        output.WriteLine($"dist:        {result.Distorted.Path} ({result.Distorted.Description})");
        WriteProvenance(output, result.Provenance);
        output.WriteLine($"frames:      {result.Frames.Count} scored ({result.FramesPerSecond:0.0} frames/s)");
        output.WriteLine("pooled over frames (p1, p5: percentiles, linear interpolation between closest ranks):");
        var rows = CsvFormatter.PooledRows(result).ToList();
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
            output.WriteLine("  " + string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
    }

    private static void WriteProvenance(TextWriter output, Provenance p)
    {
        output.WriteLine($"profile:     {p.Profile} ({string.Join(", ", p.Settings.Select(kv => $"{kv.Key}={kv.Value}"))})");
        output.WriteLine($"accelerator: {p.Accelerator}");
        output.WriteLine($"device:      {p.Device}");
        foreach (var (metric, where) in p.ComputedOn)
            output.WriteLine($"  {metric} computed on {where}");
    }
}
