using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Iqa.Gpu.Sweeps.Datasets;
using Iqa.Gpu.Sweeps.Sharding;

namespace Iqa.Gpu.Sweeps;

/// <summary>An item of a sweep with its position in the dataset's listing (the order statistics use).</summary>
public sealed record SweepItem(int Index, DatasetItem Item);

/// <summary>
/// What a sweep (or one shard of it) scored: the dataset (name, subjective scores, the SHA-256 of its id-sorted item
/// ids), the shard, the SHA-256 of every model file a metric option names, and the items with their subjective scores
/// and types. Written as <c>sweep.json</c> beside <c>scores.jsonl</c>, once the scores are complete; <c>iqa merge</c>
/// checks shards against each other with it and computes the statistics from it.
/// </summary>
public sealed record SweepManifest(
    string Dataset,
    string SubjectiveName,
    ScoreDirection Direction,
    int DatasetItems,
    string DatasetSha256,
    Shard? Shard,
    IReadOnlyList<KeyValuePair<string, string>> ModelSha256,
    IReadOnlyList<SweepItem> Items)
{
    public const string FileName = "sweep.json";
    private const int FormatVersion = 1;

    /// <summary>The manifest of <paramref name="dataset"/>'s shard (all of it when <paramref name="shard"/> is null).</summary>
    public static SweepManifest For(Dataset dataset, Shard? shard, IReadOnlyList<KeyValuePair<string, string>> modelSha256)
    {
        var indexed = dataset.Items.Select((item, index) => new SweepItem(index, item)).ToList();
        var items = shard is { } s ? s.Select(indexed, i => i.Item.Id).OrderBy(i => i.Index).ToList() : indexed;
        return new SweepManifest(dataset.Name, dataset.ScoreName, dataset.Direction, dataset.Items.Count,
            ItemListSha256(dataset.Items.Select(i => i.Id)), shard, modelSha256, items);
    }

    /// <summary>SHA-256 (hex) of the ids sorted in ordinal order, one per line: the same set of items gives the same hash anywhere.</summary>
    public static string ItemListSha256(IEnumerable<string> ids) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', ids.Order(StringComparer.Ordinal)))));

    /// <summary>SHA-256 (hex) of a file's bytes.</summary>
    public static string FileSha256(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IqaException($"{path}: cannot read ({e.Message})", e);
        }
    }

    /// <summary>Writes the manifest to a temporary file and renames it, so a manifest on disk is always whole.</summary>
    public void Write(string path)
    {
        string temporary = path + ".tmp";
        try
        {
            File.WriteAllText(temporary, ToJson());
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IqaException($"{path}: cannot write the sweep manifest ({e.Message})", e);
        }
    }

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("iqa_sweep", FormatVersion);
            json.WriteString("dataset", Dataset);
            json.WriteString("subjective", SubjectiveName);
            json.WriteString("direction", Direction == ScoreDirection.HigherIsBetter ? "higher_is_better" : "lower_is_better");
            json.WriteNumber("dataset_items", DatasetItems);
            json.WriteString("dataset_sha256", DatasetSha256);
            if (Shard is { } shard)
                json.WriteString("shard", shard.ToString());
            else
                json.WriteNull("shard");
            json.WriteStartObject("model_sha256");
            foreach (var (option, hash) in ModelSha256)
                json.WriteString(option, hash);
            json.WriteEndObject();
            json.WriteStartArray("items");
            foreach (var (index, item) in Items)
            {
                json.WriteStartObject();
                json.WriteNumber("index", index);
                json.WriteString("id", item.Id);
                json.WriteString("ref", item.Reference);
                json.WriteString("dist", item.Distorted);
                json.WriteNumber("score", item.Score);
                json.WriteString("type", item.Type);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <exception cref="IqaException">Missing, unreadable or not a sweep manifest of this format.</exception>
    public static SweepManifest Read(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            if (!root.TryGetProperty("iqa_sweep", out var version) || version.GetInt32() != FormatVersion)
                throw new IqaException($"{path}: not an iqa sweep manifest (format {FormatVersion})");
            var items = root.GetProperty("items").EnumerateArray().Select(e => new SweepItem(e.GetProperty("index").GetInt32(),
                new DatasetItem(e.GetProperty("id").GetString()!, e.GetProperty("ref").GetString(), e.GetProperty("dist").GetString()!,
                    e.GetProperty("score").GetDouble(), e.GetProperty("type").GetString()))).ToList();
            var shard = root.GetProperty("shard");
            return new SweepManifest(root.GetProperty("dataset").GetString()!, root.GetProperty("subjective").GetString()!,
                root.GetProperty("direction").GetString() == "lower_is_better" ? ScoreDirection.LowerIsBetter : ScoreDirection.HigherIsBetter,
                root.GetProperty("dataset_items").GetInt32(), root.GetProperty("dataset_sha256").GetString()!,
                shard.ValueKind == JsonValueKind.Null ? null : Sharding.Shard.Parse(shard.GetString()!),
                [.. root.GetProperty("model_sha256").EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!))],
                items);
        }
        catch (FileNotFoundException)
        {
            throw new IqaException($"{path}: no sweep manifest (an unfinished shard, or not a sweep output folder)");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IOException)
        {
            throw new IqaException($"{path}: unreadable sweep manifest ({e.Message})", e);
        }
    }

    /// <summary>One line for messages: the dataset and the shard.</summary>
    public string Describe() =>
        $"{Dataset} ({DatasetItems} items, {DatasetSha256[..12]}), {(Shard is { } s ? $"shard {s}" : "all items")}";

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
