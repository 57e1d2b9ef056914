using Iqa.Gpu.Pipelines;

namespace Iqa.Gpu.Sweeps.Datasets;

/// <summary>
/// A CSV score file with a header row: columns found by name (case-insensitive), rows as field lists with their
/// line numbers. Blank lines are skipped; a row with a different field count is an error naming the line.
/// </summary>
internal sealed class ScoreTable
{
    private readonly List<string> _header;

    private ScoreTable(string dataset, string path, List<string> header, List<(int Line, List<string> Fields)> rows)
    {
        Dataset = dataset;
        File = path;
        _header = header;
        Rows = rows;
    }

    public string Dataset { get; }

    public string File { get; }

    public IReadOnlyList<(int Line, List<string> Fields)> Rows { get; }

    public static ScoreTable Read(DatasetFolder folder, string path)
    {
        var lines = folder.ReadLines(path);
        int first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (first < 0)
            throw new IqaException($"{folder.Dataset}: {path} is empty");
        var header = CsvLine.Parse(lines[first].TrimStart('\uFEFF')).Select(h => h.Trim()).ToList();
        var rows = new List<(int, List<string>)>();
        for (int i = first + 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
                continue;
            var fields = CsvLine.Parse(lines[i]);
            if (fields.Count != header.Count)
                throw new Source(folder.Dataset, path, i + 1).Error($"{fields.Count} fields where the header has {header.Count}");
            rows.Add((i + 1, fields));
        }
        return new ScoreTable(folder.Dataset, path, header, rows);
    }

    /// <summary>The index of a column; missing, an error listing the header.</summary>
    public int Column(string name) => OptionalColumn(name) is int c ? c
        : throw new IqaException($"{Dataset}: {File} has no column '{name}' (its header: {string.Join(",", _header)})");

    public int? OptionalColumn(string name)
    {
        int c = _header.FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        return c < 0 ? null : c;
    }

    public Source SourceOf(int line) => new(Dataset, File, line);
}
