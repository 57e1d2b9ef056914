using System.Text.Json;

namespace Iqa.Gpu.Tests.Batch;

/// <summary>Reads a batch's JSON Lines output: the item rows, and the header records that stamp each run.</summary>
public static class BatchOutput
{
    public static List<JsonElement> Rows(string path) => RowsIn(File.ReadAllText(path));

    /// <summary>The item rows of JSON Lines text (stdout of a batch without --out).</summary>
    public static List<JsonElement> RowsIn(string text) => Parse(text).Where(e => !e.TryGetProperty("iqa_batch", out _)).ToList();

    public static List<JsonElement> Headers(string path) =>
        Lines(path).Where(e => e.TryGetProperty("iqa_batch", out _)).Select(e => e.GetProperty("iqa_batch")).ToList();

    /// <summary>JSON Lines text (a file's or stdout's) split into its records.</summary>
    public static List<JsonElement> Parse(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    private static List<JsonElement> Lines(string path) => Parse(File.ReadAllText(path));
}
