namespace Iqa.Gpu.Sweeps.Datasets;

/// <summary>
/// Column names of a generic score CSV and the direction of its scores (the caller says which: a CSV can't).
/// The reference column is optional (absent: a no-reference dataset), as is the type column.
/// </summary>
public sealed record CsvDatasetOptions(bool LowerIsBetter = false, string Reference = "ref", string Distorted = "dist",
    string Score = "mos", string Type = "type");

/// <summary>
/// Any dataset written as a CSV with a header: by default <c>ref,dist,mos[,type]</c> (full-reference) or
/// <c>dist,mos[,type]</c> (no-reference), other column names through <see cref="CsvDatasetOptions"/>. Paths are
/// relative to the CSV's folder (absolute ones are kept). A folder given instead of a file means its
/// <c>scores.csv</c>. Item ids are the distorted paths as written in the CSV.
/// </summary>
public static class CsvDatasetReader
{
    public const string DefaultFile = "scores.csv";

    public static Dataset Read(string path, CsvDatasetOptions? options = null)
    {
        options ??= new CsvDatasetOptions();
        string file = Directory.Exists(path) ? Path.Combine(path, DefaultFile) : path;
        string name = "CSV " + Path.GetFileName(file);
        if (!File.Exists(file))
            throw new IqaException($"{name}: score file {Path.GetFullPath(file)} is missing");
        var folder = new DatasetFolder(name, Path.GetDirectoryName(Path.GetFullPath(file))!);
        var table = ScoreTable.Read(folder, Path.GetFullPath(file));
        int? reference = table.OptionalColumn(options.Reference), type = table.OptionalColumn(options.Type);
        int dist = table.Column(options.Distorted), score = table.Column(options.Score);
        var items = new List<DatasetItem>(table.Rows.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, fields) in table.Rows)
        {
            var source = table.SourceOf(line);
            string id = fields[dist].Trim();
            if (id.Length == 0)
                throw source.Error($"empty '{options.Distorted}'");
            if (!seen.Add(id))
                throw source.Error($"'{id}' is listed twice");
            string? typeName = type is int t && fields[t].Trim().Length > 0 ? fields[t].Trim() : null;
            items.Add(new DatasetItem(id, reference is int r ? Image(folder, fields[r].Trim(), source) : null,
                Image(folder, id, source), DatasetFolder.ParseScore(fields[score], source), typeName));
        }
        var direction = options.LowerIsBetter ? ScoreDirection.LowerIsBetter : ScoreDirection.HigherIsBetter;
        return new Dataset(name, options.Score, direction, items);
    }

    private static string Image(DatasetFolder folder, string path, Source source)
    {
        string full = Path.GetFullPath(Path.Combine(folder.Root, path));
        return File.Exists(full) ? full : throw new IqaException($"{folder.Dataset}: {full}, listed in {source}, is missing");
    }
}
