namespace Iqa.Gpu.Sweeps.Datasets;

/// <summary>
/// KADID-10k (Lin, Hosu and Saupe, QoMEX 2019): <c>dmos.csv</c> with columns <c>dist_img,ref_img,dmos,var</c>;
/// the 81 references and 10,125 distorted images together in <c>images/</c>. A distorted image <c>I01_05_03.png</c> is
/// reference 1, distortion type 5, level 3. Despite its name the <c>dmos</c> column is a degradation category
/// rating on 1 (very annoying) .. 5 (imperceptible): higher is better.
/// </summary>
public static class Kadid10kReader
{
    public const string Name = "KADID-10k";

    /// <summary>The 25 distortion types in the order of the KADID-10k paper (Table 1), type k at index k - 1.</summary>
    public static IReadOnlyList<string> Types { get; } =
    [
        "Gaussian blur", "Lens blur", "Motion blur", "Color diffusion", "Color shift", "Color quantization",
        "Color saturation 1", "Color saturation 2", "JPEG2000", "JPEG", "White noise", "White noise in color component",
        "Impulse noise", "Multiplicative noise", "Denoise", "Brighten", "Darken", "Mean shift", "Jitter",
        "Non-eccentricity patch", "Pixelate", "Quantization", "Color block", "High sharpen", "Contrast change",
    ];

    public static Dataset Read(string root)
    {
        var folder = new DatasetFolder(Name, root);
        var table = ScoreTable.Read(folder, folder.RequireFile("dmos.csv"));
        int dist = table.Column("dist_img"), reference = table.Column("ref_img"), score = table.Column("dmos");
        var items = new List<DatasetItem>(table.Rows.Count);
        foreach (var (line, fields) in table.Rows)
        {
            var source = table.SourceOf(line);
            string name = fields[dist].Trim();
            string type = Types[TypeIndex(name, source)];
            items.Add(new DatasetItem(Path.GetFileNameWithoutExtension(name),
                folder.RequireImage(Path.Combine("images", fields[reference].Trim()), source),
                folder.RequireImage(Path.Combine("images", name), source),
                DatasetFolder.ParseScore(fields[score], source), type));
        }
        return new Dataset(Name, "DMOS (higher is better)", ScoreDirection.HigherIsBetter, items);
    }

    private static int TypeIndex(string name, Source source)
    {
        var parts = Path.GetFileNameWithoutExtension(name).Split('_');
        if (parts.Length == 3 && int.TryParse(parts[1], out int type) && type >= 1 && type <= Types.Count)
            return type - 1;
        throw source.Error($"'{name}' is not named Iii_tt_ll with a distortion type tt in 01..{Types.Count}");
    }
}
