using System.Text.RegularExpressions;
using Iqa.Gpu.Images;

namespace Iqa.Gpu.Pipelines;

/// <summary>
/// Builds batch items from folders or a CSV list.
/// Folders: every image under the distorted folder is paired with the reference at the same relative path
/// (frame dumps <c>ref/000001.png</c> vs <c>dist/000001.png</c>); several distorted folders may share one
/// reference folder. With a pattern such as <c>{stem}_*</c>, each reference <c>I01.png</c> is paired with every
/// distorted file in the same relative folder whose name matches <c>I01_*</c> (KADID-10k, TID2013 naming).
/// </summary>
public static class PairSources
{
    public static IReadOnlyList<BatchItem> FromDirectories(string refDir, IReadOnlyList<string> distDirs, string? pattern)
    {
        RequireDirectory(refDir);
        var items = new List<BatchItem>();
        foreach (var distDir in distDirs)
        {
            RequireDirectory(distDir);
            int before = items.Count;
            if (pattern is null)
            {
                foreach (var dist in ImageDecoder.ImagesUnder(distDir))
                {
                    string rel = Path.GetRelativePath(distDir, dist);
                    items.Add(new BatchItem(Path.Combine(refDir, rel), dist));
                }
                if (items.Count == before)
                    throw new IqaException($"{distDir}: no images to score in the folder");
                continue;
            }
            if (!pattern.Contains("{stem}"))
                throw new IqaException($"invalid pattern '{pattern}': it must contain {{stem}}, e.g. {{stem}}_*");
            foreach (var reference in ImageDecoder.ImagesUnder(refDir))
            {
                string relDir = Path.GetDirectoryName(Path.GetRelativePath(refDir, reference)) ?? "";
                string folder = Path.Combine(distDir, relDir);
                if (!Directory.Exists(folder))
                    continue;
                var regex = Glob(pattern.Replace("{stem}", Path.GetFileNameWithoutExtension(reference)));
                items.AddRange(Directory.EnumerateFiles(folder)
                    .Where(f => ImageDecoder.IsImageFile(f) && regex.IsMatch(Path.GetFileName(f)))
                    .Order(StringComparer.Ordinal)
                    .Select(f => new BatchItem(reference, f)));
            }
            if (items.Count == before)
                throw new IqaException($"{distDir}: no image matches --pattern '{pattern}' for any reference in {refDir}");
        }
        return items;
    }

    /// <summary>Every image under a folder (no-reference scoring).</summary>
    public static IReadOnlyList<BatchItem> FromDirectory(string dir)
    {
        RequireDirectory(dir);
        var images = ImageDecoder.ImagesUnder(dir);
        if (images.Count == 0)
            throw new IqaException($"{dir}: no images to score in the folder");
        return images.Select(f => new BatchItem(null, f)).ToList();
    }

    /// <summary>
    /// A CSV with header <c>ref,dist[,id]</c> (or only <c>dist</c> for no-reference metrics);
    /// relative paths are relative to the CSV's folder.
    /// </summary>
    public static IReadOnlyList<BatchItem> FromCsv(string csvPath)
    {
        if (!File.Exists(csvPath))
            throw new IqaException($"{csvPath}: file not found");
        string[] all;
        try
        {
            all = File.ReadAllLines(csvPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IqaException($"{csvPath}: cannot read the pair list ({e.Message})", e);
        }
        // Line numbers in messages count every line of the file, blank ones included.
        var lines = all.Select((text, i) => (Text: text, Number: i + 1)).Where(l => l.Text.Trim().Length > 0).ToList();
        if (lines.Count == 0)
            throw new IqaException($"{csvPath}: empty pair list (header ref,dist[,id] expected)");
        var header = CsvLine.Parse(lines[0].Text).Select(h => h.Trim().ToLowerInvariant()).ToList();
        int refCol = header.IndexOf("ref"), distCol = header.IndexOf("dist"), idCol = header.IndexOf("id");
        if (distCol < 0)
            throw new IqaException($"{csvPath}: header must name a 'dist' column (ref,dist[,id])");
        string baseDir = Path.GetDirectoryName(Path.GetFullPath(csvPath))!;
        var items = new List<BatchItem>();
        foreach (var (text, number) in lines.Skip(1))
        {
            // Trimmed like the header, so "ref, dist" lists work; an empty path would name the list's own folder.
            var cells = CsvLine.Parse(text).Select(c => c.Trim()).ToList();
            if (cells.Count < header.Count)
                throw new IqaException($"{csvPath}:{number}: expected {header.Count} fields, found {cells.Count}");
            foreach (int column in new[] { refCol, distCol }.Where(c => c >= 0 && cells[c].Length == 0))
                throw new IqaException($"{csvPath}:{number}: empty '{header[column]}' field");
            string? reference = refCol >= 0 ? Resolve(baseDir, cells[refCol]) : null;
            items.Add(new BatchItem(reference, Resolve(baseDir, cells[distCol]), idCol >= 0 ? cells[idCol] : null));
        }
        if (items.Count == 0)
            throw new IqaException($"{csvPath}: no pairs listed after the header");
        return items;
    }

    private static string Resolve(string baseDir, string path) => Path.IsPathRooted(path) ? path : Path.Combine(baseDir, path);

    private static void RequireDirectory(string dir)
    {
        if (!Directory.Exists(dir))
            throw new IqaException($"{dir}: folder not found");
    }

    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.CultureInvariant);
}
