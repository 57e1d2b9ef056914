using System.Globalization;

namespace Iqa.Gpu.Sweeps.Datasets;

/// <summary>
/// A dataset's root folder: required files, and images found by name without regard to case (TID2013 names one
/// reference <c>i25.bmp</c> where the others are <c>I01.BMP</c>; copies made on case-insensitive file systems mix
/// cases freely). Every error is an <see cref="IqaException"/> that names the dataset and the file.
/// </summary>
internal sealed class DatasetFolder
{
    private readonly Dictionary<string, Dictionary<string, string>> _indexes = new(StringComparer.Ordinal);

    public DatasetFolder(string dataset, string root)
    {
        Dataset = dataset;
        if (!Directory.Exists(root))
            throw new IqaException($"{dataset}: dataset folder {root} does not exist");
        Root = Path.GetFullPath(root);
    }

    public string Dataset { get; }

    public string Root { get; }

    /// <summary>A file the layout requires (a score file), found without regard to case.</summary>
    public string RequireFile(string relative) =>
        Find(relative) ?? throw new IqaException($"{Dataset}: score file {Path.Combine(Root, relative)} is missing");

    /// <summary>A file the layout may have.</summary>
    public string? Find(string relative)
    {
        string dir = Path.GetDirectoryName(relative) ?? "";
        return Index(dir).GetValueOrDefault(Path.GetFileName(relative));
    }

    /// <summary>A subfolder the layout requires.</summary>
    public string RequireFolder(string relative)
    {
        string path = Path.Combine(Root, relative);
        if (Directory.Exists(path))
            return path;
        string? parent = Path.GetDirectoryName(path);
        string? match = parent != null && Directory.Exists(parent)
            ? Directory.EnumerateDirectories(parent)
                .FirstOrDefault(d => string.Equals(Path.GetFileName(d), Path.GetFileName(path), StringComparison.OrdinalIgnoreCase))
            : null;
        return match ?? throw new IqaException($"{Dataset}: folder {path} is missing");
    }

    /// <summary>An image a score file lists; missing, it is an error naming the score file and line.</summary>
    public string RequireImage(string relative, Source source) =>
        Find(relative) ?? throw new IqaException($"{Dataset}: {Path.Combine(Root, relative)}, listed in {source}, is missing");

    /// <summary>
    /// Every file under <paramref name="relative"/>, its subfolders included, by file name (case-insensitive); for
    /// layouts that split one image set over several folders.
    /// </summary>
    public IReadOnlyDictionary<string, string> IndexRecursive(string relative)
    {
        var index = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var files = Directory.EnumerateFiles(RequireFolder(relative), "*", SearchOption.AllDirectories);
        foreach (string file in files.Order(StringComparer.Ordinal))
            index.TryAdd(Path.GetFileName(file), file);
        return index;
    }

    public string[] ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IqaException($"{Dataset}: cannot read {path}: {e.Message}", e);
        }
    }

    public static double ParseScore(string text, Source source) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v : throw source.Error($"score '{text}' is not a finite number");

    private Dictionary<string, string> Index(string relativeDir)
    {
        if (_indexes.TryGetValue(relativeDir, out var index))
            return index;
        index = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string dir = relativeDir.Length == 0 ? Root : RequireFolder(relativeDir);
        // Ordinal order: where two names differ only in case, the first in ordinal order wins, on every machine.
        foreach (string file in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
            index.TryAdd(Path.GetFileName(file), file);
        _indexes[relativeDir] = index;
        return index;
    }
}
