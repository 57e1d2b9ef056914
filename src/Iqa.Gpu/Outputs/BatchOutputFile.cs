using System.Text;
using System.Text.Json;
using Iqa.Gpu.Pipelines;

namespace Iqa.Gpu.Outputs;

/// <summary>
/// The per-item output of a batch: JSON Lines (<c>.jsonl</c>) or CSV (<c>.csv</c>), one row per item written and
/// flushed as soon as it is scored, each row in one write, so a killed run leaves at most a partial last line.
/// Opening with resume reads the rows already there (scored and error rows alike count as done), cuts off a
/// partial last line, and appends after them. Without resume an existing file is replaced.
/// </summary>
public sealed class BatchOutputFile : IDisposable
{
    private readonly FileStream _stream;
    private readonly bool _csv;
    private readonly bool _noReference;
    private readonly IReadOnlyList<string> _scoreNames;
    private readonly IReadOnlyList<string> _metricNames;
    private readonly bool _withId;
    private readonly List<string> _csvHeader;

    private BatchOutputFile(FileStream stream, bool csv, bool noReference, IReadOnlyList<string> metricNames,
        IReadOnlyList<string> scoreNames, bool withId)
    {
        _metricNames = metricNames;
        _stream = stream;
        _csv = csv;
        _noReference = noReference;
        _scoreNames = scoreNames;
        _withId = withId;
        _csvHeader = CsvColumns(noReference, withId, scoreNames);
    }

    /// <summary>Keys of the items already in the file when it was opened with resume.</summary>
    public HashSet<(string, string)> Done { get; } = new();

    /// <param name="metricNames">The metrics of this run: every scored row carries their scores.</param>
    /// <param name="scoreNames">Every score they may write (the CSV columns).</param>
    public static BatchOutputFile Open(string path, bool noReference, IReadOnlyList<string> metricNames, IReadOnlyList<string> scoreNames,
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
        var file = new BatchOutputFile(stream, csv, noReference, metricNames, scoreNames, withId);
        try
        {
            if (resume && stream.Length > 0)
                file.ReadExisting(path);
            stream.Seek(0, SeekOrigin.End);
            if (stream.Length == 0 && csv)
                file.WriteLine(string.Join(',', file._csvHeader.Select(Csv.Escape)));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        return file;
    }

    public void Write(BatchOutcome outcome) => WriteLine(_csv ? CsvRow(outcome) : JsonRow(outcome, _noReference));

    private void WriteLine(string line)
    {
        _stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
        _stream.Flush();
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
    public static string JsonRow(BatchOutcome o, bool noReference)
    {
        return JsonText.Build(json =>
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
            {
                json.WriteStartObject("scores");
                foreach (var (name, value) in o.Scores)
                    ScoreFormatting.Write(json, name, value);
                json.WriteEndObject();
            }
            else
                json.WriteString("error", o.Error);
            json.WriteEndObject();
        });
    }

    /// <summary>Collects the keys of complete rows and truncates a partial last line.</summary>
    private void ReadExisting(string path)
    {
        _stream.Seek(0, SeekOrigin.Begin);
        var bytes = new byte[_stream.Length];
        _stream.ReadExactly(bytes);
        int end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        if (end < bytes.Length)
            _stream.SetLength(end); // the line a killed run was writing: its item will be scored again
        var lines = Encoding.UTF8.GetString(bytes, 0, end).Split('\n');
        int first = 0;
        if (_csv && end > 0)
        {
            var header = CsvLine.Parse(lines[0]);
            if (!header.SequenceEqual(_csvHeader))
                throw new IqaException($"{path}: existing columns ({lines[0]}) differ from this run's ({string.Join(',', _csvHeader)}); resume with the same metrics");
            first = 1;
        }
        for (int i = first; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
                continue;
            Done.Add(_csv ? CsvKey(lines[i], path, i) : JsonKey(lines[i], path, i));
        }
    }

    private (string, string) CsvKey(string line, string path, int index)
    {
        var cells = CsvLine.Parse(line);
        if (cells.Count != _csvHeader.Count)
            throw new IqaException($"{path}:{index + 1}: unreadable row; fix or remove it to resume");
        return _noReference ? ("", cells[0]) : (cells[0], cells[1]);
    }

    private (string, string) JsonKey(string line, string path, int index)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.TryGetProperty("scores", out var scores))
            {
                // A scored row of this run has exactly this run's scores (ms_ssim_scales only with its option).
                var names = scores.EnumerateObject().Select(p => p.Name).ToList();
                if (names.Any(n => !_scoreNames.Contains(n)) || _metricNames.Any(n => !names.Contains(n)))
                    throw new IqaException(
                        $"{path}:{index + 1}: scores ({string.Join(",", names)}) differ from this run's metrics ({string.Join(",", _metricNames)}); resume with the same metrics");
            }
            return _noReference
                ? ("", root.GetProperty("image").GetString()!)
                : (root.GetProperty("ref").GetString()!, root.GetProperty("dist").GetString()!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new IqaException($"{path}:{index + 1}: unreadable row; fix or remove it to resume", e);
        }
    }

    public void Dispose() => _stream.Dispose();
}
