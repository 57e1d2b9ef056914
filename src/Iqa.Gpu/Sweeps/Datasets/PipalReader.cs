namespace Iqa.Gpu.Sweeps.Datasets;

/// <summary>
/// PIPAL (Gu et al., ECCV 2020; the NTIRE 2021 perceptual IQA challenge release), training part: one label file
/// per reference in <c>Train_Label/</c> (<c>A0001.txt</c>), each line <c>A0001_00_00.bmp,1509.9</c> (distorted image,
/// Elo score), references in <c>Train_Ref/</c> (<c>A0001.bmp</c>: the first five characters of the distorted name)
/// and distorted images in <c>Train_Dis/</c>. The layout of the authors' code release is accepted too:
/// <c>MOS_Scores_train/</c>, <c>Reference_train/</c> and <c>Distortion/</c> split into sub-folders
/// (Distortion_1..4), searched recursively. The distortion type is the middle field of the name (<c>A0001_10_02</c>:
/// type code 10); the release names no types, so they are reported as "type 10". Elo: higher is better.
/// </summary>
public static class PipalReader
{
    public const string Name = "PIPAL";

    private static readonly (string Labels, string References, string Distorted)[] Layouts =
    [
        ("Train_Label", "Train_Ref", "Train_Dis"),
        ("MOS_Scores_train", "Reference_train", "Distortion"),
    ];

    public static Dataset Read(string root)
    {
        var folder = new DatasetFolder(Name, root);
        var layout = Layouts.FirstOrDefault(l => Directory.Exists(Path.Combine(folder.Root, l.Labels)));
        if (layout.Labels == null)
            throw new IqaException($"{Name}: {folder.Root} has no label folder ({string.Join(" or ", Layouts.Select(l => l.Labels))})");
        var references = folder.IndexRecursive(layout.References);
        var distorted = folder.IndexRecursive(layout.Distorted);
        var labelFiles = Directory.EnumerateFiles(folder.RequireFolder(layout.Labels), "*.txt").Order(StringComparer.Ordinal).ToList();
        if (labelFiles.Count == 0)
            throw new IqaException($"{Name}: {Path.Combine(folder.Root, layout.Labels)} has no label files (*.txt)");
        var items = new List<DatasetItem>();
        foreach (string labels in labelFiles)
        {
            var lines = folder.ReadLines(labels);
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].Trim().Length == 0)
                    continue;
                var source = new Source(Name, labels, i + 1);
                var fields = lines[i].Split(',');
                if (fields.Length != 2)
                    throw source.Error($"expected 'image,score', found '{lines[i].Trim()}'");
                string name = fields[0].Trim();
                string stem = Path.GetFileNameWithoutExtension(name);
                var parts = stem.Split('_');
                if (parts.Length != 3 || parts[0].Length != 5)
                    throw source.Error($"'{name}' is not named Annnn_tt_ll");
                string refName = parts[0] + Path.GetExtension(name);
                items.Add(new DatasetItem(stem, Image(references, refName, layout.References, source, folder),
                    Image(distorted, name, layout.Distorted, source, folder),
                    DatasetFolder.ParseScore(fields[1], source), "type " + parts[1]));
            }
        }
        return new Dataset(Name, "Elo", ScoreDirection.HigherIsBetter, items);
    }

    private static string Image(IReadOnlyDictionary<string, string> index, string name, string sub, Source source, DatasetFolder folder) =>
        index.GetValueOrDefault(name)
        ?? throw new IqaException($"{Name}: {name} (under {Path.Combine(folder.Root, sub)}), listed in {source}, is missing");
}
