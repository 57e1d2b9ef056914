using System.Text.Json;
using Iqa.Gpu.Scoring;

namespace Iqa.Gpu.Outputs;

/// <summary>
/// A video comparison as one JSON object: the inputs, profile and settings, the frame counts, optionally the
/// per-frame scores (<c>frames</c>, libvmaf's log shape) and the pooled statistics (<c>pooled_metrics</c>).
/// Infinite scores are written as the string "inf".
/// </summary>
public static class VideoJson
{
    public static string Write(VideoResult result, bool frames, bool indented = false)
    {
        return JsonText.Build(json =>
        {
            json.WriteStartObject();
            WriteInput(json, "ref", result.Reference);
            WriteInput(json, "dist", result.Distorted);
            JsonText.WriteProvenance(json, result.Settings, result.EffectiveSettings, result.Accelerator);
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
                    json.WriteStartObject("metrics");
                    foreach (var (name, value) in frame.Scores)
                        ScoreFormatting.Write(json, name, value);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteStartObject("pooled_metrics");
            foreach (var (name, stats) in result.Pooled)
            {
                json.WriteStartObject(name);
                foreach (var (statistic, value) in stats.Named())
                    ScoreFormatting.Write(json, statistic, value);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }, indented);
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
