using Iqa.Gpu.Sweeps.Datasets;

namespace Iqa.Gpu.Tests.Sweeps.Datasets;

/// <summary>Broken copies of the fixtures: one IqaException naming the dataset, the file and, for score lines, the line.</summary>
public class DatasetErrorTests
{
    private static readonly Dictionary<string, Func<string, Dataset>> Readers = new()
    {
        ["kadid10k"] = Kadid10kReader.Read,
        ["tid2013"] = Tid2013Reader.Read,
        ["live"] = Live2Reader.Read,
        ["csiq"] = CsiqReader.Read,
        ["koniq10k"] = root => KonIq10kReader.Read(root),
        ["pipal"] = PipalReader.Read,
        ["csv"] = root => CsvDatasetReader.Read(root),
    };

    public static TheoryData<string, string> ScoreFiles => new()
    {
        { "kadid10k", "dmos.csv" },
        { "tid2013", "mos_with_names.txt" },
        { "live", "dmos.mat" },
        { "live", "refnames_all.mat" },
        { "csiq", "csiq.DMOS.xlsx" },
        { "koniq10k", "koniq10k_scores_and_distributions.csv" },
        { "csv", "scores.csv" },
    };

    [Theory]
    [MemberData(nameof(ScoreFiles))]
    public void Missing_score_file(string dataset, string file)
    {
        using var temp = new TempDirectory();
        string root = DatasetFixture.Copy(dataset, temp);
        File.Delete(Path.Combine(root, file));
        var e = Assert.Throws<IqaException>(() => Readers[dataset](root));
        Assert.EndsWith($"{Path.Combine(root, file)} is missing", e.Message);
    }

    public static TheoryData<string, string, string> MissingImages => new()
    {
        { "kadid10k", "images/I01_05_03.png", "dmos.csv line 3" },
        { "tid2013", "distorted_images/i01_08_5.bmp", "mos_with_names.txt line 2" },
        { "live", "wn/img3.bmp", "dmos.mat entry 463" },
        { "csiq", "dst_imgs/blur/boston.BLUR.5.png", "csiq.DMOS.xlsx sheet all_by_image row 6" },
        { "koniq10k", "1024x768/10082283025.jpg", "koniq10k_scores_and_distributions.csv line 4" },
        { "csv", "dist/a_noise.png", "scores.csv line 3" },
    };

    [Theory]
    [MemberData(nameof(MissingImages))]
    public void Missing_listed_image(string dataset, string image, string listedIn)
    {
        using var temp = new TempDirectory();
        string root = DatasetFixture.Copy(dataset, temp);
        File.Delete(Path.Combine(root, image));
        var e = Assert.Throws<IqaException>(() => Readers[dataset](root));
        Assert.Contains(Path.Combine(root, image), e.Message);
        Assert.Contains("listed in " + listedIn, e.Message);
    }

    [Fact]
    public void Pipal_missing_image_names_the_label_file_and_line()
    {
        using var temp = new TempDirectory();
        string root = DatasetFixture.Copy("pipal", temp);
        File.Delete(Path.Combine(root, "Train_Dis", "A0001_10_02.bmp"));
        var e = Assert.Throws<IqaException>(() => PipalReader.Read(root));
        Assert.Equal($"PIPAL: A0001_10_02.bmp (under {Path.Combine(root, "Train_Dis")}), listed in A0001.txt line 2, is missing", e.Message);
    }

    public static TheoryData<string, string, string, string> MalformedLines => new()
    {
        { "kadid10k", "dmos.csv", "dist_img,ref_img,dmos,var\nI01_01_01.png,I01.png,4.57\n", "line 2: 3 fields where the header has 4" },
        { "kadid10k", "dmos.csv", "dist_img,ref_img,dmos,var\nI01_01_01.png,I01.png,high,0.4\n", "line 2: score 'high' is not a finite number" },
        { "kadid10k", "dmos.csv", "dist_img,ref_img,dmos,var\nI01_99_01.png,I01.png,4,0.4\n", "line 2: 'I01_99_01.png' is not named Iii_tt_ll" },
        { "kadid10k", "dmos.csv", "dist,ref,dmos,var\n", "has no column 'dist_img' (its header: dist,ref,dmos,var)" },
        { "tid2013", "mos_with_names.txt", "5.1 i01_01_1.bmp\n\n4.0\n", "line 3: expected 'MOS name', found '4.0'" },
        { "tid2013", "mos_with_names.txt", "5.1 i01_25_1.bmp\n", "line 1: 'i01_25_1.bmp' is not named iRR_TT_L" },
        { "pipal", "Train_Label/A0002.txt", "A0002_03_01.bmp 1602.25\n", "line 1: expected 'image,score'" },
        { "csv", "scores.csv", "ref,dist,mos\nrefs/a.png,dist/a_blur.png,NaN\n", "line 2: score 'NaN' is not a finite number" },
        { "csv", "scores.csv", "dist,mos\ndist/a_blur.png,1\ndist/a_blur.png,2\n", "line 3: 'dist/a_blur.png' is listed twice" },
        { "live", "jp2k/info.txt", "monarch.bmp img1.bmp 0.5\n", "jp2k/info.txt gives monarch.bmp as the reference of img1.bmp, refnames_all(1) gives parrots.bmp" },
    };

    [Theory]
    [MemberData(nameof(MalformedLines))]
    public void Malformed_score_file_names_file_and_line(string dataset, string file, string contents, string problem)
    {
        using var temp = new TempDirectory();
        string root = DatasetFixture.Copy(dataset, temp);
        File.WriteAllText(Path.Combine(root, file), contents);
        var e = Assert.Throws<IqaException>(() => Readers[dataset](root));
        Assert.Contains(problem, e.Message);
        if (problem.StartsWith("line"))
            Assert.Contains(Path.Combine(root, file) + " " + problem, e.Message);
    }

    [Fact]
    public void Csiq_malformed_row_names_the_sheet_and_row()
    {
        using var temp = new TempDirectory();
        string root = DatasetFixture.Copy("csiq", temp);
        File.Copy(SweepTestData.Path("csiq_malformed.DMOS.xlsx"), Path.Combine(root, "csiq.DMOS.xlsx"), overwrite: true);
        var e = Assert.Throws<IqaException>(() => CsiqReader.Read(root));
        Assert.Equal($"CSIQ: {Path.Combine(root, "csiq.DMOS.xlsx")} sheet all_by_image row 5: unknown dst_type 'sharpen'", e.Message);
    }

    [Fact]
    public void Missing_dataset_folder()
    {
        var e = Assert.Throws<IqaException>(() => Tid2013Reader.Read("/nonexistent/tid2013"));
        Assert.Equal("TID2013: dataset folder /nonexistent/tid2013 does not exist", e.Message);
    }
}
