using Iqa.Gpu.Images;
using Iqa.Gpu.Sweeps.Datasets;

namespace Iqa.Gpu.Tests.Sweeps.Datasets;

/// <summary>The readers' assumptions against the real dataset subsets in ../shared/refdata.</summary>
public class RefDataSubsetTests
{
    /// <summary>
    /// dataset_promptiqa_subset/scores.csv (10 CSIQ images with DMOS, 10 LIVE-in-the-Wild images with MOS) through the
    /// generic CSV reader, its own column names given: every listed image exists and decodes, the databases become the
    /// types, and the file's lower_is_better column agrees with each database's documented direction.
    /// </summary>
    [Fact]
    public void PromptIqa_scores_through_the_generic_csv_reader()
    {
        string csv = TestPaths.RefData("dataset_promptiqa_subset", "scores.csv");
        var d = CsvDatasetReader.Read(csv, new CsvDatasetOptions(Distorted: "file", Score: "score", Type: "database"));
        Assert.Equal(20, d.Items.Count);
        Assert.False(d.IsFullReference);
        Assert.Equal(["CSIQ", "LIVE In the Wild Challenge (CLIVE)"], d.Items.Select(i => i.Type).Distinct());
        Assert.Equal(0.062, d.Items.Single(i => i.Id == "csiq/1600.AWGN.1.png").Score);
        foreach (var item in d.Items)
        {
            var image = ImageDecoder.Decode(item.Distorted);
            Assert.True(image.Width > 0 && image.Height > 0, item.Id);
        }
        var lowerIsBetter = CsvDatasetReader.Read(csv, new CsvDatasetOptions(Distorted: "file", Score: "lower_is_better", Type: "database"))
            .Items.GroupBy(i => i.Type).ToDictionary(g => g.Key!, g => g.Select(i => i.Score).Distinct().Single());
        Assert.Equal(1, lowerIsBetter["CSIQ"]);
        Assert.Equal(0, lowerIsBetter["LIVE In the Wild Challenge (CLIVE)"]);
        // CSIQ's own reader reports the same direction for its DMOS.
        Assert.Equal(ScoreDirection.LowerIsBetter, CsiqReader.Read(DatasetFixture.Path("csiq")).Direction);
    }

    /// <summary>
    /// dataset_live_subset holds LIVE Release 2 images only (renamed PNGs, no dmos.mat, refnames_all.mat or info.txt),
    /// so the LIVE reader can't read it; its folder names are the release's, which the reader relies on.
    /// </summary>
    [Fact]
    public void Live_subset_uses_the_release_folder_names()
    {
        string root = TestPaths.RefData("dataset_live_subset");
        var folders = Directory.GetDirectories(root).Select(d => Path.GetFileName(d)).ToList();
        Assert.Contains("refimgs", folders);
        var known = Live2Reader.Folders.Select(f => (string?)f.Folder).ToHashSet();
        Assert.All(folders.Where(f => f != "refimgs"), f => Assert.Contains(f, known));
        var references = Directory.GetFiles(Path.Combine(root, "refimgs")).Select(Path.GetFileNameWithoutExtension).ToHashSet();
        foreach (string folder in folders.Where(f => f != "refimgs"))
            Assert.All(Directory.GetFiles(Path.Combine(root, folder!)), f => Assert.Contains(Path.GetFileNameWithoutExtension(f)!.Split('_')[0], references));
    }
}
