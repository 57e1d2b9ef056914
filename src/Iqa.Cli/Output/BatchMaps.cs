using System.Text;
using Iqa.Gpu;
using Iqa.Gpu.Maps;
using Iqa.Gpu.Pipelines;

namespace Iqa.Cli.Output;

/// <summary>
/// <c>iqa batch --maps DIR</c>: each item's maps as <c>DIR/NAME.METRIC.png</c>, NAME the item's id (characters other
/// than letters, digits, <c>. _ - /</c> replaced by <c>_</c>; <c>/</c> makes subfolders) or, without ids, the distorted
/// file's path relative to the folder that holds every distorted file of the list, without its extension. Every map
/// written is recorded in <c>DIR/maps.jsonl</c>: the item, the metric, the file, the map's size and its geometry.
/// </summary>
public sealed class BatchMaps : IDisposable
{
    public const string IndexName = "maps.jsonl";

    private readonly string _directory;
    private readonly IReadOnlyDictionary<(string, string), (BatchItem Item, string Name)> _names;
    private readonly StreamWriter _index;

    private BatchMaps(string directory, IReadOnlyDictionary<(string, string), (BatchItem, string)> names, StreamWriter index)
    {
        _directory = directory;
        _names = names;
        _index = index;
    }

    /// <param name="listed">Every item of the list (all shards name their files alike).</param>
    /// <param name="items">The items this run scores.</param>
    /// <exception cref="IqaException">Two items would write the same files, or the folder can't be made.</exception>
    public static BatchMaps Open(string directory, IReadOnlyList<BatchItem> listed, IReadOnlyList<BatchItem> items)
    {
        var names = new Dictionary<(string, string), (BatchItem, string)>();
        var taken = new Dictionary<string, BatchItem>(StringComparer.Ordinal);
        string root = CommonFolder(listed.Select(i => Path.GetFullPath(i.Image)));
        foreach (var item in items)
        {
            string name = item.Id is { } id ? Sanitize(id) : Path.ChangeExtension(Path.GetRelativePath(root, Path.GetFullPath(item.Image)), null);
            // Another name, or the same pair listed twice (the pipeline tells items apart by their paths).
            var other = taken.GetValueOrDefault(name) ?? (names.TryGetValue(item.Key, out var same) ? same.Item1 : null);
            if (other is not null)
                throw new IqaException($"--maps: {other.Describe()} and {item.Describe()} would write the same map files ({name}.*); give the list an id column");
            taken[name] = item;
            names[item.Key] = (item, name);
        }
        try
        {
            Directory.CreateDirectory(directory);
            var index = new StreamWriter(Path.Combine(directory, IndexName), append: true, new UTF8Encoding(false));
            return new BatchMaps(directory, names, index);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IqaException($"--maps {directory}: cannot write there ({e.Message})", e);
        }
    }

    /// <summary>Writes one pair's shown maps (on the scoring thread) and records them in the index.</summary>
    /// <exception cref="IqaException">A file can't be written: that item's error.</exception>
    public void Write(PairAnalysis pair)
    {
        var (item, name) = _names[(pair.Reference, pair.Distorted)];
        foreach (var maps in pair.Maps)
        {
            string path = Path.Combine(_directory, $"{name}.{maps.Metric.Name}.png");
            string? folder = Path.GetDirectoryName(path);
            try
            {
                if (folder is not null)
                    Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new IqaException($"{folder}: cannot make the folder ({e.Message})", e);
            }
            MapImage.WritePng(maps.Shown, path, pair.Reference, pair.Distorted);
            var map = maps.Shown;
            lock (_index)
            {
                _index.WriteLine(JsonText.Build(json =>
                {
                    json.WriteStartObject();
                    json.WriteString("ref", item.Reference);
                    json.WriteString("dist", item.Image);
                    if (item.Id is not null)
                        json.WriteString("id", item.Id);
                    json.WriteString("metric", map.Metric);
                    json.WriteString("quantity", map.Quantity);
                    if (map.Scale is { } scale)
                        json.WriteNumber("scale", scale);
                    json.WriteString("file", path);
                    json.WriteNumber("width", map.Width);
                    json.WriteNumber("height", map.Height);
                    json.WriteStartObject("geometry");
                    json.WriteNumber("offset", map.Geometry.Offset);
                    json.WriteNumber("scale", map.Geometry.Scale);
                    json.WriteString("rule", AnalysisOutput.GeometryRule);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }));
                _index.Flush();
            }
        }
    }

    /// <summary>The deepest folder holding every one of <paramref name="files"/>.</summary>
    private static string CommonFolder(IEnumerable<string> files)
    {
        string? common = null;
        foreach (string file in files)
        {
            string folder = Path.GetDirectoryName(file) ?? file;
            common = common is null ? folder : Common(common, folder);
        }
        return common ?? Directory.GetCurrentDirectory();

        static string Common(string a, string b)
        {
            while (!(b + Path.DirectorySeparatorChar).StartsWith(a + Path.DirectorySeparatorChar, StringComparison.Ordinal) && a != b)
                a = Path.GetDirectoryName(a) ?? "";
            return a;
        }
    }

    private static string Sanitize(string id)
    {
        var parts = id.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var clean = new string([.. part.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_')]);
            return clean is "." or ".." ? "_" : clean;
        });
        string name = string.Join('/', parts);
        return name.Length == 0 ? "_" : name;
    }

    public void Dispose() => _index.Dispose();
}
