namespace Iqa.Gpu.Sweeps.Datasets;

/// <summary>
/// LIVE Image Quality Assessment Database Release 2 (Sheikh, Wang, Cormack and Bovik), as its readme describes it:
/// <c>dmos.mat</c> holds <c>dmos</c> and <c>orgs</c> (982 entries each), <c>refnames_all.mat</c> the cell array
/// <c>refnames_all</c> (the reference of each entry, in <c>refimgs/</c>); the entries are the five distortion folders
/// concatenated in this order: <c>jp2k</c> (227 images), <c>jpeg</c> (233), <c>wn</c> (174), <c>gblur</c> (174),
/// <c>fastfading</c> (174), entry k of a folder being its <c>img{k}.bmp</c>. Entries with <c>orgs == 1</c> are copies
/// of the references and are left out (779 distorted images remain). Where a folder has its <c>info.txt</c>
/// (<c>reference image parameter</c> lines), each image's reference must agree with <c>refnames_all</c>.
/// DMOS: higher is worse.
/// </summary>
public static class Live2Reader
{
    public const string Name = "LIVE Release 2";

    /// <summary>The folders in the order of dmos.mat, with their image counts and distortion names.</summary>
    public static IReadOnlyList<(string Folder, int Count, string Type)> Folders { get; } =
    [
        ("jp2k", 227, "JPEG2000"),
        ("jpeg", 233, "JPEG"),
        ("wn", 174, "White noise"),
        ("gblur", 174, "Gaussian blur"),
        ("fastfading", 174, "Fast fading (JPEG2000 over a Rayleigh channel)"),
    ];

    public static int EntryCount => Folders.Sum(f => f.Count);

    public static Dataset Read(string root)
    {
        var folder = new DatasetFolder(Name, root);
        string dmosFile = folder.RequireFile("dmos.mat"), refnamesFile = folder.RequireFile("refnames_all.mat");
        var dmosMat = MatFile.Read(dmosFile);
        double[] dmos = Vector(dmosMat, "dmos", dmosFile), orgs = Vector(dmosMat, "orgs", dmosFile);
        var refnames = Names(MatFile.Read(refnamesFile), refnamesFile);
        var items = new List<DatasetItem>();
        int entry = 0;
        foreach (var (sub, count, type) in Folders)
        {
            var info = Info(folder, sub);
            for (int k = 1; k <= count; k++, entry++)
            {
                if (orgs[entry] == 1)
                    continue;
                var source = new Source(Name, dmosFile, entry + 1, "entry");
                if (orgs[entry] != 0)
                    throw source.Error($"orgs is {orgs[entry]}, expected 0 or 1");
                if (!double.IsFinite(dmos[entry]))
                    throw source.Error("dmos is not finite");
                string image = $"img{k}.bmp";
                if (info != null && info.TryGetValue(image, out var listed)
                    && !string.Equals(listed, refnames[entry], StringComparison.OrdinalIgnoreCase))
                    throw new IqaException($"{Name}: {sub}/info.txt gives {listed} as the reference of {image}, " +
                                           $"refnames_all({entry + 1}) gives {refnames[entry]}");
                items.Add(new DatasetItem($"{sub}/img{k}", folder.RequireImage(Path.Combine("refimgs", refnames[entry]), source),
                    folder.RequireImage(Path.Combine(sub, image), source), dmos[entry], type));
            }
        }
        return new Dataset(Name, "DMOS", ScoreDirection.LowerIsBetter, items);
    }

    private static double[] Vector(IReadOnlyDictionary<string, MatArray> mat, string name, string file) =>
        mat.GetValueOrDefault(name) switch
        {
            MatNumeric { Values.Length: var n } v when n == EntryCount => v.Values,
            MatNumeric v => throw new IqaException($"{Name}: {file}: '{name}' has {v.Values.Length} entries, expected {EntryCount}"),
            null => throw new IqaException($"{Name}: {file} has no variable '{name}'"),
            _ => throw new IqaException($"{Name}: {file}: '{name}' is not a numeric array"),
        };

    private static string[] Names(IReadOnlyDictionary<string, MatArray> mat, string file)
    {
        if (mat.GetValueOrDefault("refnames_all") is not MatCell cell)
            throw new IqaException($"{Name}: {file} has no cell array 'refnames_all'");
        if (cell.Cells.Length != EntryCount)
            throw new IqaException($"{Name}: {file}: 'refnames_all' has {cell.Cells.Length} entries, expected {EntryCount}");
        return cell.Cells.Select((c, i) => c is MatChar text ? text.Text.Trim()
            : throw new IqaException($"{Name}: {file}: refnames_all{{{i + 1}}} is not a string")).ToArray();
    }

    /// <summary>info.txt's "reference image parameter" lines, by image name; null where the folder has none.</summary>
    private static Dictionary<string, string>? Info(DatasetFolder folder, string sub)
    {
        string? path = folder.Find(Path.Combine(sub, "info.txt"));
        if (path == null)
            return null;
        var lines = folder.ReadLines(path);
        var info = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < lines.Length; i++)
        {
            var fields = lines[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
                continue;
            if (fields.Length != 3)
                throw new Source(Name, path, i + 1).Error($"expected 'reference image parameter', found '{lines[i].Trim()}'");
            info[fields[1]] = fields[0];
        }
        return info;
    }
}
