using System.Text.Json;
using Iqa.Gpu;

namespace Iqa.Cli.Output;

/// <summary>One item row of a batch output read back: its key, id, and scores or error.</summary>
public sealed record BatchRow(string? Reference, string Image, string? Id, IReadOnlyDictionary<string, double>? Scores, string? Error, string Json)
{
    /// <summary>The id that sharding and merging use: the row's id, else its paths (as <c>Commands.ShardOption.Id</c>).</summary>
    public string ShardId => Id ?? (Reference is null ? Image : $"{Reference}|{Image}");
}

/// <summary>A batch output in JSON Lines read back: its header records (one per run) and its rows.</summary>
public sealed record BatchRows(IReadOnlyList<JsonElement> Headers, IReadOnlyList<BatchRow> Rows)
{
    /// <exception cref="IqaException">Missing, unreadable, or a line that is neither a header record nor a row.</exception>
    public static BatchRows Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IqaException($"{path}: cannot read ({e.Message})", e);
        }
        var headers = new List<JsonElement>();
        var rows = new List<BatchRow>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
                continue;
            try
            {
                using var doc = JsonDocument.Parse(lines[i]);
                var root = doc.RootElement;
                if (root.TryGetProperty(BatchOutputFile.HeaderKey, out var header))
                {
                    headers.Add(header.Clone());
                    continue;
                }
                var scores = root.TryGetProperty("scores", out var s)
                    ? s.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String
                        ? ScoreFormatting.Parse(p.Value.GetString()!) : p.Value.GetDouble())
                    : null;
                rows.Add(new BatchRow(root.TryGetProperty("ref", out var r) ? r.GetString() : null,
                    (root.TryGetProperty("dist", out var d) ? d : root.GetProperty("image")).GetString()!,
                    root.TryGetProperty("id", out var id) ? id.GetString() : null, scores,
                    root.TryGetProperty("error", out var e) ? e.GetString() : null, lines[i]));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new IqaException($"{path}:{i + 1}: unreadable row ({e.Message})", e);
            }
        }
        return new BatchRows(headers, rows);
    }
}
