using System.Text.Json;
using Iqa.Gpu.Scoring;

namespace Iqa.Cli.Output;

/// <summary>
/// Results as JSON objects: provenance (<see cref="JsonText.WriteProvenance"/>), scores (infinite ones as the string
/// "inf"), and for video the inputs, frame counts and pooled statistics, optionally every frame (libvmaf's log shape).
/// </summary>
public sealed class JsonFormatter : IResultFormatter
{
    public static JsonFormatter Instance { get; } = new();

    public void Score(TextWriter output, ScoreResult result, bool timings, AnalysisReport? analysis = null) =>
        output.WriteLine(Score(result, timings, analysis: analysis));

    public static string Score(ScoreResult result, bool timings, bool indented = false, AnalysisReport? analysis = null) => JsonText.Build(json =>
    {
        json.WriteStartObject();
        if (result.Reference is not null)
        {
            json.WriteString("ref", result.Reference);
            json.WriteString("dist", result.Image);
        }
        else
            json.WriteString("image", result.Image);
        JsonText.WriteProvenance(json, result.Provenance);
        WriteScores(json, "scores", result.Scores);
        if (analysis is not null)
            AnalysisOutput.WriteJson(json, analysis);
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

    public void VideoSummary(TextWriter output, VideoResult result) => output.WriteLine(Video(result, frames: false));

    /// <summary>A video comparison as one object; with <paramref name="frames"/>, every frame's scores too.</summary>
    public static string Video(VideoResult result, bool frames, bool indented = false) => JsonText.Build(json =>
    {
        json.WriteStartObject();
        WriteInput(json, "ref", result.Reference);
        WriteInput(json, "dist", result.Distorted);
        JsonText.WriteProvenance(json, result.Provenance);
        json.WriteNumber("frames_scored", result.Frames.Count);
        if (result.FrameCountDifference is { } difference)
            json.WriteString("frame_count_difference", difference);
        json.WriteNumber("scoring_fps", Math.Round(result.FramesPerSecond, 2));
        if (frames)
        {
            json.WriteStartArray("frames");
            foreach (var frame in result.Frames)
            {
                json.WriteStartObject();
                json.WriteNumber("frameNum", frame.FrameNum);
                WriteScores(json, "metrics", frame.Scores);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteStartObject("pooled_metrics");
        foreach (var (name, stats) in result.Pooled)
            WriteScores(json, name, stats.Named());
        json.WriteEndObject();
        json.WriteEndObject();
    }, indented);

    /// <summary>An object of named scores.</summary>
    public static void WriteScores(Utf8JsonWriter json, string name, IEnumerable<KeyValuePair<string, double>> scores)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in scores)
            ScoreFormatting.Write(json, key, value);
        json.WriteEndObject();
    }

    private static void WriteInput(Utf8JsonWriter json, string name, VideoInputSummary input)
    {
        json.WriteStartObject(name);
        json.WriteString("path", input.Path);
        json.WriteString("format", input.Description);
        json.WriteNumber("skip", input.Skip);
        json.WriteNumber("frames", input.Frames);
        if (input.Truncation is { } truncation)
            json.WriteString("truncation", truncation);
        json.WriteEndObject();
    }
}
