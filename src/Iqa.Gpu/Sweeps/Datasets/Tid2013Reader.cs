namespace Iqa.Gpu.Sweeps.Datasets;

/// <summary>
/// TID2013 (Ponomarenko et al. 2015): <c>mos_with_names.txt</c>, one <c>MOS name</c> line per distorted image
/// (<c>5.51429 i01_01_1.bmp</c>: reference 1, distortion type 1, level 1), the images in <c>distorted_images/</c> and
/// the references in <c>reference_images/</c> as <c>I01.BMP</c>... The release names the 25th reference
/// <c>i25.bmp</c> (lower case, as its scripts handle specially), so names are matched without regard to case.
/// MOS on 0..9, higher is better.
/// </summary>
public static class Tid2013Reader
{
    public const string Name = "TID2013";

    /// <summary>The 24 distortion types of the TID2013 readme, type k at index k - 1.</summary>
    public static IReadOnlyList<string> Types { get; } =
    [
        "Additive Gaussian noise", "Additive noise in color components", "Spatially correlated noise", "Masked noise",
        "High frequency noise", "Impulse noise", "Quantization noise", "Gaussian blur", "Image denoising",
        "JPEG compression", "JPEG2000 compression", "JPEG transmission errors", "JPEG2000 transmission errors",
        "Non eccentricity pattern noise", "Local block-wise distortions of different intensity", "Mean shift (intensity shift)",
        "Contrast change", "Change of color saturation", "Multiplicative Gaussian noise", "Comfort noise",
        "Lossy compression of noisy images", "Image color quantization with dither", "Chromatic aberrations",
        "Sparse sampling and reconstruction",
    ];

    public static Dataset Read(string root)
    {
        var folder = new DatasetFolder(Name, root);
        string scores = folder.RequireFile("mos_with_names.txt");
        var lines = folder.ReadLines(scores);
        var items = new List<DatasetItem>(lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
                continue;
            var source = new Source(Name, scores, i + 1);
            var fields = lines[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 2)
                throw source.Error($"expected 'MOS name', found '{lines[i].Trim()}'");
            string name = fields[1];
            var (reference, type) = Parse(name, source);
            items.Add(new DatasetItem(Path.GetFileNameWithoutExtension(name),
                folder.RequireImage(Path.Combine("reference_images", $"I{reference:D2}.bmp"), source),
                folder.RequireImage(Path.Combine("distorted_images", name), source),
                DatasetFolder.ParseScore(fields[0], source), Types[type - 1]));
        }
        return new Dataset(Name, "MOS", ScoreDirection.HigherIsBetter, items);
    }

    private static (int Reference, int Type) Parse(string name, Source source)
    {
        var parts = Path.GetFileNameWithoutExtension(name).Split('_');
        if (parts.Length == 3 && parts[0].Length == 3 && char.ToLowerInvariant(parts[0][0]) == 'i'
            && int.TryParse(parts[0][1..], out int reference) && int.TryParse(parts[1], out int type)
            && type >= 1 && type <= Types.Count && int.TryParse(parts[2], out _))
            return (reference, type);
        throw source.Error($"'{name}' is not named iRR_TT_L with a distortion type TT in 01..{Types.Count}");
    }
}
