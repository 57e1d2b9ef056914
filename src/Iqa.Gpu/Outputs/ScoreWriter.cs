using System.Text.Json;
using Iqa.Gpu.Scoring;

namespace Iqa.Gpu.Outputs;

/// <summary>Writes one <see cref="ScoreResult"/> as a table, CSV or a JSON object.</summary>
public static class ScoreWriter
{
    public static void Write(TextWriter output, ScoreResult result, OutputFormat format, bool timings)
    {
        switch (format)
        {
            case OutputFormat.Json:
                output.WriteLine(Json(result, timings));
                break;
            case OutputFormat.Csv:
                WriteCsv(output, result, timings);
                break;
            default:
                WriteTable(output, result, timings);
                break;
        }
    }

    public static string Json(ScoreResult result, bool timings, bool indented = false)
    {
        return JsonText.Build(json =>
        {
            json.WriteStartObject();
            if (result.Reference is not null)
            {
                json.WriteString("ref", result.Reference);
                json.WriteString("dist", result.Image);
            }
            else
                json.WriteString("image", result.Image);
            JsonText.WriteProvenance(json, result.Settings, result.EffectiveSettings, result.Accelerator);
            json.WriteStartObject("scores");
            foreach (var (name, value) in result.Scores)
                ScoreFormatting.Write(json, name, value);
            json.WriteEndObject();
            if (timings)
            {
                json.WriteStartObject("timings_ms");
                json.WriteNumber("decode", Math.Round(result.Timings.DecodeMs, 3));
                json.WriteNumber("compute", Math.Round(result.Timings.ComputeMs, 3));
                json.WriteNumber("total", Math.Round(result.Timings.TotalMs, 3));
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }, indented);
    }

    private static void WriteCsv(TextWriter output, ScoreResult result, bool timings)
    {
        var header = result.Reference is null ? new List<string> { "image" } : ["ref", "dist"];
        var row = result.Reference is null ? new List<string> { result.Image } : [result.Reference, result.Image];
        foreach (var (name, value) in result.Scores)
        {
            header.Add(name);
            row.Add(ScoreFormatting.Text(value));
        }
        header.AddRange(["profile", "accelerator"]);
        row.AddRange([result.Settings.Profile, result.Accelerator]);
        foreach (var (key, value) in result.EffectiveSettings)
        {
            header.Add(key);
            row.Add(value);
        }
        if (timings)
        {
            header.AddRange(["decode_ms", "compute_ms", "total_ms"]);
            row.AddRange([ScoreFormatting.Ms(result.Timings.DecodeMs), ScoreFormatting.Ms(result.Timings.ComputeMs),
                ScoreFormatting.Ms(result.Timings.TotalMs)]);
        }
        output.WriteLine(string.Join(',', header.Select(Csv.Escape)));
        output.WriteLine(string.Join(',', row.Select(Csv.Escape)));
    }

    private static void WriteTable(TextWriter output, ScoreResult result, bool timings)
    {
        var rows = new List<(string, string)>();
        foreach (var (name, value) in result.Scores)
            rows.Add((name, ScoreFormatting.Text(value)));
        int width = Math.Max(10, rows.Max(r => r.Item1.Length));
        if (result.Reference is not null)
        {
            output.WriteLine($"ref:         {result.Reference}");
            output.WriteLine($"dist:        {result.Image}");
        }
        else
            output.WriteLine($"image:       {result.Image}");
        output.WriteLine($"profile:     {result.Settings.Profile} ({string.Join(", ", result.EffectiveSettings.Select(kv => $"{kv.Key}={kv.Value}"))})");
        output.WriteLine($"accelerator: {result.Accelerator}");
        foreach (var (name, value) in rows)
            output.WriteLine($"  {name.PadRight(width)} {value}");
        if (timings)
            output.WriteLine($"timings (ms): decode {ScoreFormatting.Ms(result.Timings.DecodeMs)}, compute {ScoreFormatting.Ms(result.Timings.ComputeMs)}, total {ScoreFormatting.Ms(result.Timings.TotalMs)}");
    }
}
