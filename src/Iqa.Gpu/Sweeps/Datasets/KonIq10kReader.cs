namespace Iqa.Gpu.Sweeps.Datasets;

/// <summary>
/// KonIQ-10k (Hosu et al., IEEE TIP 2020), no-reference: <c>koniq10k_scores_and_distributions.csv</c> with the
/// columns <c>image_name,c1,c2,c3,c4,c5,c_total,MOS,SD,MOS_zscore</c> and the 10,073 images in <c>1024x768/</c>
/// (the release also has a <c>512x384/</c> copy). Scores: <c>MOS</c> on 1..5 (default) or <c>MOS_zscore</c> on
/// 0..100; higher is better either way.
/// </summary>
public static class KonIq10kReader
{
    public const string Name = "KonIQ-10k";

    public static Dataset Read(string root, string scoreColumn = "MOS", string imageFolder = "1024x768")
    {
        var folder = new DatasetFolder(Name, root);
        var table = ScoreTable.Read(folder, folder.RequireFile("koniq10k_scores_and_distributions.csv"));
        int image = table.Column("image_name"), score = table.Column(scoreColumn);
        var items = new List<DatasetItem>(table.Rows.Count);
        foreach (var (line, fields) in table.Rows)
        {
            var source = table.SourceOf(line);
            string name = fields[image].Trim();
            items.Add(new DatasetItem(Path.GetFileNameWithoutExtension(name), null,
                folder.RequireImage(Path.Combine(imageFolder, name), source), DatasetFolder.ParseScore(fields[score], source), null));
        }
        return new Dataset(Name, scoreColumn, ScoreDirection.HigherIsBetter, items);
    }
}
