using System.Globalization;
using System.Text;

namespace Iqa.Gpu.Tests.Sweeps;

/// <summary>A small dataset in the generic CSV layout, and the sweep runs and comparisons the sweep tests make of it.</summary>
public static class GeneratedSweep
{
    /// <summary>A dataset folder: ref_R.png, dist_R_L.png, scores.csv with a MOS falling with the noise level L.</summary>
    public static string Dataset(TempDirectory dir)
    {
        string root = Directory.CreateDirectory(dir.File("dataset")).FullName;
        var csv = new StringBuilder("ref,dist,mos,type\n");
        for (int r = 0; r < 6; r++)
        {
            dir.WritePng($"dataset/ref_{r}.png", TestImages.Pattern(48, 40, 3, seed: r, noise: 0), 48, 40, 3);
            for (int level = 1; level <= 4; level++)
            {
                dir.WritePng($"dataset/dist_{r}_{level}.png", TestImages.Pattern(48, 40, 3, seed: r, noise: 12 * level), 48, 40, 3);
                double mos = 5 - level + 0.1 * ((r * 7 + level * 3) % 5);
                csv.Append(CultureInfo.InvariantCulture, $"ref_{r}.png,dist_{r}_{level}.png,{mos},{(level % 2 == 0 ? "even" : "odd")}\n");
            }
        }
        File.WriteAllText(Path.Combine(root, "scores.csv"), csv.ToString());
        return root;
    }

    public static Cli.CliRunner.Result Run(string root, string output, params string[] extra) =>
        Cli.CliRunner.Run(["sweep", "--dataset", "csv", "--root", root, "--out", output, "-m", "ssim,psnr", "-a", "cpu", "-q",
            "--bootstrap", "200", .. extra]);

    public static void AssertSameResults(string whole, string merged)
    {
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "results.json")), File.ReadAllText(Path.Combine(merged, "results.json")));
        Assert.Equal(Rows(Path.Combine(whole, "scores.jsonl")), Rows(Path.Combine(merged, "scores.jsonl")));
    }

    /// <summary>A file's item rows, as text, in a fixed order (rows come in completion order).</summary>
    public static string[] Rows(string path) =>
        [.. File.ReadAllLines(path).Where(l => !l.StartsWith("{\"iqa_batch\"", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
}
