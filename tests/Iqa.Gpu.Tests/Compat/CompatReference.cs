using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Iqa.Gpu.Tests.Compat;

/// <summary>Readers of the tools' outputs stored in TestData/compat (see make_reference.sh).</summary>
public static partial class CompatReference
{
    /// <summary>Per frame, the metrics of a libvmaf JSON log (null, libvmaf's infinity, as +infinity).</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, double>> VmafFrames(string stem) =>
        [.. VmafJson(stem).RootElement.GetProperty("frames").EnumerateArray().Select(f => Values(f.GetProperty("metrics")))];

    /// <summary>The aggregate_metrics of a libvmaf JSON log (apsnr_y, ...).</summary>
    public static IReadOnlyDictionary<string, double> VmafAggregates(string stem) =>
        Values(VmafJson(stem).RootElement.GetProperty("aggregate_metrics"));

    /// <summary>
    /// Per frame, the fields of an FFmpeg stats file ("n:1 Y:0.5 U:0.6 V:0.6 All:0.5 (3.27)" or "n:1 mse_avg:..."),
    /// the parenthesised dB of ssim logs as "dB"; "inf" as +infinity.
    /// </summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, double>> FfmpegStats(string path) =>
        [.. File.ReadLines(path).Select(line =>
        {
            var fields = StatsField().Matches(line).ToDictionary(m => m.Groups[1].Value, m => Number(m.Groups[2].Value));
            if (DbField().Match(line) is { Success: true } db)
                fields["dB"] = Number(db.Groups[1].Value);
            return (IReadOnlyDictionary<string, double>)fields;
        })];

    /// <summary>Per frame, the lavfi.* metadata that FFmpeg's metadata=print wrote (keys without "lavfi.").</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, double>> FfmpegMetadata(string path)
    {
        var frames = new List<Dictionary<string, double>>();
        foreach (string line in File.ReadLines(path))
            if (line.StartsWith("frame:", StringComparison.Ordinal))
                frames.Add([]);
            else if (line.StartsWith("lavfi.", StringComparison.Ordinal))
                frames[^1][line[6..line.IndexOf('=')]] = Number(line[(line.IndexOf('=') + 1)..]);
        return frames;
    }

    /// <summary>A stored FFmpeg output (TestData/compat/ffmpeg).</summary>
    public static string Ffmpeg(string file) => CompatClips.Data("ffmpeg", file);

    private static JsonDocument VmafJson(string stem) =>
        JsonDocument.Parse(File.ReadAllText(CompatClips.Data("vmaf", stem + ".json")));

    private static Dictionary<string, double> Values(JsonElement obj) =>
        obj.EnumerateObject().ToDictionary(p => p.Name,
            p => p.Value.ValueKind == JsonValueKind.Null ? double.PositiveInfinity : p.Value.GetDouble());

    private static double Number(string text) =>
        text == "inf" ? double.PositiveInfinity : double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(\w+):(inf|-?[\d.]+)")]
    private static partial Regex StatsField();

    [GeneratedRegex(@"\((inf|-?[\d.]+)\)")]
    private static partial Regex DbField();
}
