using Iqa.Gpu.Sweeps.Datasets;

namespace Iqa.Gpu.Tests.Sweeps.Datasets;

/// <summary>Each reader on its fixture, a miniature of the dataset's published layout: ids, paths, scores, types, direction.</summary>
public class DatasetReaderTests
{
    private static string Fixture(string dataset, params string[] parts) => Path.GetFullPath(DatasetFixture.Path(dataset, parts));

    [Fact]
    public void Kadid10k()
    {
        var d = Kadid10kReader.Read(Fixture("kadid10k"));
        Assert.Equal(("KADID-10k", ScoreDirection.HigherIsBetter, true), (d.Name, d.Direction, d.IsFullReference));
        Assert.Equal(["I01_01_01", "I01_05_03", "I02_25_05", "I02_11_02"], d.Items.Select(i => i.Id));
        var item = d.Items[1];
        Assert.Equal((Fixture("kadid10k", "images", "I01.png"), Fixture("kadid10k", "images", "I01_05_03.png"), 3.1, "Color shift"),
            (item.Reference, item.Distorted, item.Score, item.Type));
        Assert.Equal(["Gaussian blur", "Color shift", "Contrast change", "White noise"], d.Items.Select(i => i.Type));
        Assert.Equal(25, Kadid10kReader.Types.Count);
    }

    [Fact]
    public void Tid2013_matches_names_without_regard_to_case()
    {
        var d = Tid2013Reader.Read(Fixture("tid2013"));
        Assert.Equal(("TID2013", ScoreDirection.HigherIsBetter), (d.Name, d.Direction));
        Assert.Equal(["i01_01_1", "i01_08_5", "i25_24_3", "I25_10_2"], d.Items.Select(i => i.Id));
        Assert.Equal([5.51429, 3.0, 4.25641, 6.02564], d.Items.Select(i => i.Score));
        Assert.Equal(["Additive Gaussian noise", "Gaussian blur", "Sparse sampling and reconstruction", "JPEG compression"], d.Items.Select(i => i.Type));
        Assert.Equal(Fixture("tid2013", "reference_images", "I01.BMP"), d.Items[0].Reference);
        Assert.Equal(Fixture("tid2013", "reference_images", "i25.bmp"), d.Items[2].Reference);
        Assert.Equal(Fixture("tid2013", "distorted_images", "I25_10_2.BMP"), d.Items[3].Distorted);
        Assert.Equal(24, Tid2013Reader.Types.Count);
    }

    [Fact]
    public void Live2_keeps_distorted_entries_in_dmos_order()
    {
        var d = Live2Reader.Read(Fixture("live"));
        Assert.Equal(("LIVE Release 2", ScoreDirection.LowerIsBetter, "DMOS"), (d.Name, d.Direction, d.ScoreName));
        Assert.Equal(["jp2k/img1", "jp2k/img2", "jpeg/img1", "wn/img3", "gblur/img1", "fastfading/img174"], d.Items.Select(i => i.Id));
        Assert.Equal([61.2, 35.5, 72.25, 20.0, 45.75, 50.5], d.Items.Select(i => i.Score));
        Assert.Equal(["JPEG2000", "JPEG2000", "JPEG", "White noise", "Gaussian blur", "Fast fading (JPEG2000 over a Rayleigh channel)"], d.Items.Select(i => i.Type));
        Assert.Equal(Fixture("live", "refimgs", "monarch.bmp"), d.Items[5].Reference);
        Assert.Equal(Fixture("live", "fastfading", "img174.bmp"), d.Items[5].Distorted);
        Assert.Equal(982, Live2Reader.EntryCount);
    }

    [Fact]
    public void Csiq_reads_the_spreadsheet()
    {
        var d = CsiqReader.Read(Fixture("csiq"));
        Assert.Equal(("CSIQ", ScoreDirection.LowerIsBetter), (d.Name, d.Direction));
        Assert.Equal(["1600.AWGN.1", "1600.AWGN.2", "1600.jpeg2000.3", "boston.BLUR.5", "boston.fnoise.2", "boston.contrast.1", "1600.JPEG.4"],
            d.Items.Select(i => i.Id));
        Assert.Equal([0.062, 0.206, 0.354, 0.741, 0.13, 0.011, 0.48], d.Items.Select(i => i.Score));
        Assert.Equal(Fixture("csiq", "dst_imgs", "jpeg2000", "1600.jpeg2000.3.png"), d.Items[2].Distorted);
        Assert.Equal(Fixture("csiq", "src_imgs", "boston.png"), d.Items[3].Reference);
        Assert.Equal(["Additive white Gaussian noise", "Additive white Gaussian noise", "JPEG 2000", "Gaussian blur",
            "Additive pink Gaussian noise", "Global contrast decrements", "JPEG"], d.Items.Select(i => i.Type));
    }

    [Fact]
    public void KonIq10k_is_no_reference()
    {
        var d = KonIq10kReader.Read(Fixture("koniq10k"));
        Assert.Equal(("KonIQ-10k", ScoreDirection.HigherIsBetter, false), (d.Name, d.Direction, d.IsFullReference));
        Assert.Equal(["10004473376", "10007357496", "10082283025"], d.Items.Select(i => i.Id));
        Assert.Equal([3.828571, 3.479167, 3.125], d.Items.Select(i => i.Score));
        Assert.All(d.Items, i => Assert.Null(i.Reference));
        Assert.Equal(Fixture("koniq10k", "1024x768", "10007357496.jpg"), d.Items[1].Distorted);
        Assert.Equal([77.383621, 68.728571, 58.817661], KonIq10kReader.Read(Fixture("koniq10k"), scoreColumn: "MOS_zscore").Items.Select(i => i.Score));
    }

    [Fact]
    public void Pipal()
    {
        var d = PipalReader.Read(Fixture("pipal"));
        Assert.Equal(("PIPAL", ScoreDirection.HigherIsBetter, "Elo"), (d.Name, d.Direction, d.ScoreName));
        Assert.Equal(["A0001_00_00", "A0001_10_02", "A0002_03_01"], d.Items.Select(i => i.Id));
        Assert.Equal([1509.9126, 1387.5, 1602.25], d.Items.Select(i => i.Score));
        Assert.Equal(["type 00", "type 10", "type 03"], d.Items.Select(i => i.Type));
        Assert.Equal(Fixture("pipal", "Train_Ref", "A0002.bmp"), d.Items[2].Reference);
        Assert.Equal(Fixture("pipal", "Train_Dis", "A0001_10_02.bmp"), d.Items[1].Distorted);
    }

    [Fact]
    public void Generic_csv_with_a_folder_or_a_file()
    {
        var d = CsvDatasetReader.Read(Fixture("csv"), new CsvDatasetOptions(LowerIsBetter: true));
        Assert.Equal(("CSV scores.csv", ScoreDirection.LowerIsBetter, true), (d.Name, d.Direction, d.IsFullReference));
        Assert.Equal(["dist/a_blur.png", "dist/a_noise.png", "dist/b_blur.png", "dist/b, noisy.png"], d.Items.Select(i => i.Id));
        Assert.Equal(["blur", "noise", "blur", null], d.Items.Select(i => i.Type));
        Assert.Equal(Fixture("csv", "refs", "b.png"), d.Items[3].Reference);
        Assert.Equal(Fixture("csv", "dist", "b, noisy.png"), d.Items[3].Distorted);
        var same = CsvDatasetReader.Read(Fixture("csv", "scores.csv"));
        Assert.Equal(ScoreDirection.HigherIsBetter, same.Direction);
        Assert.Equal(d.Items, same.Items);
    }
}
