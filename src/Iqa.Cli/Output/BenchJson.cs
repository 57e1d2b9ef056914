using System.Text.Json;
using System.Text.Json.Serialization;
using Iqa.Gpu;
using Iqa.Gpu.Bench;

namespace Iqa.Cli.Output;

/// <summary>
/// The bench report as JSON (<c>--out</c>, <c>--format json</c>) and back (<c>--compare</c>): snake_case fields whose
/// names carry their units, absent where not measured; an infinite difference is written <c>"Infinity"</c>.
/// </summary>
public static class BenchJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a file, not HTML: '+' as itself
        // A field missing or null where the model requires it is an error, not a half-read report.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static string Text(BenchReport report) => JsonSerializer.Serialize(report, Options);

    /// <exception cref="IqaException">The file can't be written.</exception>
    public static void Write(string path, BenchReport report)
    {
        try
        {
            File.WriteAllText(path, Text(report) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IqaException($"{path}: cannot write the bench report ({e.Message})", e);
        }
    }

    /// <summary>A report written by <see cref="Write"/>, of this format version.</summary>
    /// <exception cref="IqaException">Missing, unreadable, not a bench report, or of another format version.</exception>
    public static BenchReport Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IqaException(File.Exists(path) || Directory.Exists(path)
                ? $"{path}: cannot read the bench report ({e.Message})"
                : $"{path}: file not found", e);
        }
        try
        {
            using (var document = JsonDocument.Parse(text))
                Check(path, document.RootElement);
            return JsonSerializer.Deserialize<BenchReport>(text, Options)!;
        }
        catch (JsonException e)
        {
            throw new IqaException($"{path}: not valid bench report JSON (line {e.LineNumber + 1}{(e.Path is { } p ? $", {p}" : "")})", e);
        }
    }

    private static readonly string[] Parts = ["machine", "timing", "profile", "settings", "devices", "measurements"];

    /// <summary>The format, its version, and the report's parts, checked before the fields are read.</summary>
    private static void Check(string path, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format)
            || format.ValueKind != JsonValueKind.String || format.GetString() != BenchReport.FormatName)
            throw new IqaException($"{path}: not an iqa bench report (no \"format\": \"{BenchReport.FormatName}\")");
        if (!root.TryGetProperty("format_version", out var version) || !version.TryGetInt32(out int v) || v != BenchReport.CurrentVersion)
            throw new IqaException(
                $"{path}: bench report format version {(root.TryGetProperty("format_version", out var raw) ? raw.GetRawText() : "missing")}; this iqa reads version {BenchReport.CurrentVersion}");
        foreach (string part in Parts)
            if (!root.TryGetProperty(part, out _))
                throw new IqaException($"{path}: incomplete bench report: no '{part}'");
    }
}
