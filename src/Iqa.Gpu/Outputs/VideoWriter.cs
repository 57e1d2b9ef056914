using Iqa.Gpu.Scoring;

namespace Iqa.Gpu.Outputs;

/// <summary>
/// Writes a video comparison: the pooled summary (table, CSV or JSON) for stdout, and the per-frame log
/// (JSON with the frames and pooled statistics, or CSV with one row per frame).
/// </summary>
public static class VideoWriter
{
    public static void WriteSummary(TextWriter output, VideoResult result, OutputFormat format)
    {
        switch (format)
        {
            case OutputFormat.Json:
                output.WriteLine(VideoJson.Write(result, frames: false));
                break;
            case OutputFormat.Csv:
                WriteCsv(output, PooledRows(result));
                break;
            default:
                WriteTable(output, result);
                break;
        }
    }

    /// <summary>The log for <c>--log</c>: CSV when <paramref name="path"/> ends in .csv, JSON otherwise.</summary>
    public static void WriteLog(string path, VideoResult result)
    {
        using var file = new StreamWriter(path);
        if (Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase))
            WriteCsv(file, FrameRows(result));
        else
            file.WriteLine(VideoJson.Write(result, frames: true, indented: true));
    }

    private static IEnumerable<string[]> FrameRows(VideoResult result) =>
        result.Frames.Select(f => result.ScoreNames.Select(n => ScoreFormatting.Text(f.Scores[n]))
                .Prepend(f.FrameNum.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray())
            .Prepend([.. result.ScoreNames.Prepend("frameNum")]);

    private static IEnumerable<string[]> PooledRows(VideoResult result) =>
        result.Pooled.Select(p => p.Value.Named().Select(s => ScoreFormatting.Text(s.Value)).Prepend(p.Key).ToArray())
            .Prepend(["metric", .. PooledStatistics.Names]);

    private static void WriteCsv(TextWriter output, IEnumerable<string[]> rows)
    {
        foreach (var row in rows)
            output.WriteLine(string.Join(',', row.Select(Csv.Escape)));
    }

    private static void WriteTable(TextWriter output, VideoResult result)
    {
        output.WriteLine($"ref:         {result.Reference.Path} ({result.Reference.Description})");
        output.WriteLine($"dist:        {result.Distorted.Path} ({result.Distorted.Description})");
        output.WriteLine($"profile:     {result.Settings.Profile} ({string.Join(", ", result.EffectiveSettings.Select(kv => $"{kv.Key}={kv.Value}"))})");
        output.WriteLine($"accelerator: {result.Accelerator}");
        output.WriteLine($"frames:      {result.Frames.Count} scored ({result.FramesPerSecond:0.0} frames/s)");
        output.WriteLine("pooled over frames (p1, p5: percentiles, linear interpolation between closest ranks):");
        var rows = PooledRows(result).ToList();
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
            output.WriteLine("  " + string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
    }
}
