using System.Text;
using System.Text.Json;
using Iqa.Gpu;
using Iqa.Gpu.Pipelines;
using Iqa.Gpu.Scoring;
using Iqa.Gpu.Sweeps.Sharding;

namespace Iqa.Cli.Output;

/// <summary>
/// Which items a batch output holds: <paramref name="Items"/> items of a list whose id-sorted ids hash to
/// <paramref name="ItemsSha256"/>, or shard <paramref name="Shard"/> of them. Recorded in the header record, checked on
/// resume (a shard only resumes over the same list and shard) and by <c>iqa merge</c>.
/// </summary>
public sealed record BatchScope(int Items, string ItemsSha256, Shard? Shard);

/// <summary>
/// The per-item output of a batch: JSON Lines (<c>.jsonl</c>) or CSV (<c>.csv</c>), one row per item written and
/// flushed as soon as it is scored, each row in one write, so a killed run leaves at most a partial last line.
/// <para>
/// Each run's provenance (profile, settings with metric options, metrics, device) is recorded once: as a header
/// record (<c>{"iqa_batch": {...}}</c>) before its rows in JSON Lines, in the sidecar <c>FILE.csv.provenance.jsonl</c>
/// for CSV. Opening with resume reads the rows already there (scored and error rows alike count as done), refuses a
/// file written under other conventions or metrics, cuts off a partial last line, and appends after them with a new
/// record (the device may differ). Without resume an existing file is replaced.
/// </para>
/// </summary>
public sealed class BatchOutputFile : IDisposable
{
    /// <summary>The property naming a header record.</summary>
    public const string HeaderKey = "iqa_batch";

    private readonly FileStream _stream;
    private readonly string _path;
    private readonly bool _csv;
    private readonly bool _noReference;
    private readonly IReadOnlyList<string> _scoreNames;
    private readonly bool _withId;
    private readonly List<string> _csvHeader;
    private readonly BatchScope _scope;

    private BatchOutputFile(FileStream stream, string path, bool csv, bool noReference, IReadOnlyList<string> scoreNames, bool withId, BatchScope scope)
    {
        _scope = scope;
        _stream = stream;
        _path = path;
        _csv = csv;
        _noReference = noReference;
        _scoreNames = scoreNames;
        _withId = withId;
        _csvHeader = CsvColumns(noReference, withId, scoreNames);
    }

    /// <summary>Keys of the items already in the file when it was opened with resume.</summary>
    public HashSet<(string, string)> Done { get; } = new();

    /// <summary>The sidecar holding a CSV file's provenance records.</summary>
    public static string SidecarOf(string csvPath) => csvPath + ".provenance.jsonl";

    /// <param name="scoreNames">Every score the metrics may write (the CSV columns).</param>
    public static BatchOutputFile Open(string path, Provenance provenance, BatchScope scope, bool noReference, IReadOnlyList<string> scoreNames,
        bool withId, bool resume)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is not (".jsonl" or ".csv"))
            throw new IqaException($"{path}: output must be .jsonl (JSON Lines) or .csv");
        bool csv = ext == ".csv";
        FileStream stream;
        try
        {
            stream = new FileStream(path, resume ? FileMode.OpenOrCreate : FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IqaException($"{path}: cannot open for writing ({e.Message})", e);
        }
        var file = new BatchOutputFile(stream, path, csv, noReference, scoreNames, withId, scope);
        try
        {
            bool existing = resume && stream.Length > 0;
            if (existing)
                file.ReadExisting(provenance);
            stream.Seek(0, SeekOrigin.End);
            string record = HeaderRecord(provenance, scope, file.Done.Count);
            if (csv)
            {
                if (!existing)
                    file.WriteLine(string.Join(',', file._csvHeader.Select(Csv.Escape)));
                WriteSidecar(path, record, append: existing);
            }
            else
                file.WriteLine(record);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        return file;
    }

    /// <summary>The record that stamps a run: its provenance, its items, and how many rows the file held before it.</summary>
    public static string HeaderRecord(Provenance provenance, BatchScope scope, int rowsBefore) => JsonText.Build(json =>
    {
        json.WriteStartObject();
        json.WriteStartObject(HeaderKey);
        JsonText.WriteProvenance(json, provenance);
        json.WriteStartArray("metrics");
        foreach (string metric in provenance.Metrics)
            json.WriteStringValue(metric);
        json.WriteEndArray();
        json.WriteNumber("items", scope.Items);
        json.WriteString("items_sha256", scope.ItemsSha256);
        if (scope.Shard is { } shard)
            json.WriteString("shard", shard.ToString());
        else
            json.WriteNull("shard");
        json.WriteNumber("rows_before", rowsBefore);
        json.WriteEndObject();
        json.WriteEndObject();
    });

    public void Write(BatchOutcome outcome) => WriteLine(_csv ? CsvRow(outcome) : JsonRow(outcome, _noReference));

    private void WriteLine(string line)
    {
        _stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
        _stream.Flush();
    }

    private static void WriteSidecar(string path, string record, bool append)
    {
        string sidecar = SidecarOf(path);
        try
        {
            if (append)
                File.AppendAllText(sidecar, record + "\n");
            else
                File.WriteAllText(sidecar, record + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IqaException($"{sidecar}: cannot write the provenance record ({e.Message})", e);
        }
    }

    /// <summary>The CSV columns: ref,dist (or image), id when the list has ids, the scores, error.</summary>
    private static List<string> CsvColumns(bool noReference, bool withId, IReadOnlyList<string> scoreNames)
    {
        var header = noReference ? new List<string> { "image" } : ["ref", "dist"];
        if (withId)
            header.Add("id");
        header.AddRange(scoreNames);
        header.Add("error");
        return header;
    }

    private string CsvRow(BatchOutcome o)
    {
        var row = _noReference ? new List<string> { o.Item.Image } : [o.Item.Reference!, o.Item.Image];
        if (_withId)
            row.Add(o.Item.Id ?? "");
        foreach (var name in _scoreNames)
            row.Add(o.Scores is not null && o.Scores.TryGetValue(name, out double v) ? ScoreFormatting.Text(v) : "");
        row.Add(o.Error ?? "");
        return string.Join(',', row.Select(Csv.Escape));
    }

    /// <summary>One JSON Lines row: ref/dist (or image), optional id, then scores or error.</summary>
    public static string JsonRow(BatchOutcome o, bool noReference) => JsonText.Build(json =>
    {
        json.WriteStartObject();
        if (noReference)
            json.WriteString("image", o.Item.Image);
        else
        {
            json.WriteString("ref", o.Item.Reference);
            json.WriteString("dist", o.Item.Image);
        }
        if (o.Item.Id is not null)
            json.WriteString("id", o.Item.Id);
        if (o.Scores is not null)
            JsonFormatter.WriteScores(json, "scores", o.Scores);
        else
            json.WriteString("error", o.Error);
        json.WriteEndObject();
    });

    /// <summary>Checks the file's first record against this run, collects the keys of complete rows, truncates a partial last line.</summary>
    private void ReadExisting(Provenance provenance)
    {
        _stream.Seek(0, SeekOrigin.Begin);
        var bytes = new byte[_stream.Length];
        _stream.ReadExactly(bytes);
        int end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        if (end < bytes.Length)
            _stream.SetLength(end); // the line a killed run was writing: its item will be scored again
        var lines = Encoding.UTF8.GetString(bytes, 0, end).Split('\n').Where(l => l.Length > 0).ToList();
        if (_csv)
        {
            if (lines.Count > 0 && !CsvLine.Parse(lines[0]).SequenceEqual(_csvHeader))
                throw new IqaException($"{_path}: existing columns ({lines[0]}) differ from this run's ({string.Join(',', _csvHeader)}); resume with the same metrics");
            CheckConventions(FirstSidecarRecord(), provenance, _scope, SidecarOf(_path));
            foreach (var (line, index) in lines.Select((l, i) => (l, i)).Skip(1))
                Done.Add(CsvKey(line, index));
            return;
        }
        CheckConventions(lines.Count > 0 ? lines[0] : null, provenance, _scope, _path);
        foreach (var (line, index) in lines.Select((l, i) => (l, i)))
            if (!line.StartsWith("{\"" + HeaderKey + "\"", StringComparison.Ordinal))
                Done.Add(JsonKey(line, index));
    }

    private string? FirstSidecarRecord()
    {
        string sidecar = SidecarOf(_path);
        try
        {
            return File.Exists(sidecar) ? File.ReadLines(sidecar).FirstOrDefault() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IqaException($"{sidecar}: cannot read the provenance record ({e.Message})", e);
        }
    }

    /// <summary>
    /// Refuses to resume a file whose first run used other conventions or metrics (the file would mix them), or
    /// scored another item list or shard.
    /// </summary>
    private static void CheckConventions(string? record, Provenance run, BatchScope scope, string where)
    {
        JsonElement header;
        try
        {
            using var doc = record is null ? null : JsonDocument.Parse(record);
            if (doc is null || !doc.RootElement.TryGetProperty(HeaderKey, out var found))
                throw new IqaException($"{where}: no provenance record ({{\"{HeaderKey}\": ...}}), so the conventions of its rows are unknown; start a new file");
            header = found.Clone();
        }
        catch (JsonException e)
        {
            throw new IqaException($"{where}: unreadable provenance record; start a new file", e);
        }
        string profile = header.TryGetProperty("profile", out var p) ? p.GetString() ?? "" : "";
        var settings = header.TryGetProperty("settings", out var s) && s.ValueKind == JsonValueKind.Object
            ? s.EnumerateObject().Select(e => new KeyValuePair<string, string>(e.Name, e.Value.GetString() ?? "")).ToList()
            : [];
        var metrics = header.TryGetProperty("metrics", out var m) && m.ValueKind == JsonValueKind.Array
            ? m.EnumerateArray().Select(e => e.GetString() ?? "").ToList()
            : [];
        string? writtenItems = header.TryGetProperty("items_sha256", out var hash) ? hash.GetString() : null;
        string? writtenShard = header.TryGetProperty("shard", out var sh) && sh.ValueKind == JsonValueKind.String ? sh.GetString() : null;
        // An unsharded file may be resumed over a grown list (a frame dump still being written); a shard only over its own.
        if (writtenShard != scope.Shard?.ToString() || (writtenShard is not null && writtenItems != scope.ItemsSha256))
            throw new IqaException(
                $"{where}: written for {(writtenShard is null ? "a list" : $"shard {writtenShard} of a list")} of other items; " +
                $"this run scores {(scope.Shard is { } current ? $"shard {current} of " : "")}{scope.Items} items: resume with the same list and shard, or write a new file");
        var written = run with { Profile = profile, Settings = settings, Metrics = metrics };
        if (!written.SameConventions(run))
            throw new IqaException(
                $"{where}: written with {string.Join(",", metrics)}, {written.Describe()}; this run is {string.Join(",", run.Metrics)}, {run.Describe()}; " +
                "resume with the same metrics and conventions, or write a new file");
    }

    private (string, string) CsvKey(string line, int index)
    {
        var cells = CsvLine.Parse(line);
        if (cells.Count != _csvHeader.Count)
            throw new IqaException($"{_path}:{index + 1}: unreadable row; fix or remove it to resume");
        return _noReference ? ("", cells[0]) : (cells[0], cells[1]);
    }

    private (string, string) JsonKey(string line, int index)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            return _noReference
                ? ("", root.GetProperty("image").GetString()!)
                : (root.GetProperty("ref").GetString()!, root.GetProperty("dist").GetString()!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new IqaException($"{_path}:{index + 1}: unreadable row; fix or remove it to resume", e);
        }
    }

    public void Dispose() => _stream.Dispose();
}
