using System.Text.Json;
using Iqa.Gpu.Images;
using Iqa.Gpu.Tests.Cli;

namespace Iqa.Gpu.Tests.Slic;

/// <summary>
/// <c>iqa slic</c>: the label PNG it writes equals scikit-image's (refdata/slic_ref, native-size cases), its JSON carries
/// the reference CSV's figures, the overlay is written, the ILGPU device gives the same labels on a small image, and bad
/// parameters or destinations are one-line errors.
/// </summary>
public sealed class SlicCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public static TheoryData<int> NativeCases => new(Enumerable.Range(0, SlicTestData.ReferenceRows.Count)
        .Where(i => SlicTestData.ReferenceRows[i].LabelPng.Length > 0));

    [Theory]
    [MemberData(nameof(NativeCases))]
    public void Labels_and_figures_equal_scikit_image(int index)
    {
        var row = SlicTestData.ReferenceRows[index];
        string labels = _dir.File("labels.png"), overlay = _dir.File("overlay.png");
        var r = CliRunner.Run("slic", TestPaths.RefData(row.File), "--segments", row.Segments.ToString(), "--out", labels,
            "--overlay", overlay, "-f", "json", "-a", "cpu");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(ImageDecoder.Decode(TestPaths.RefData(row.LabelPng)).Words, ImageDecoder.Decode(labels).Words);
        Assert.True(File.Exists(overlay));
        var figures = JsonDocument.Parse(r.Output).RootElement.GetProperty("segmentation");
        Assert.Equal(row.Labels, figures.GetProperty("n_labels").GetInt32());
        Assert.Equal(row.MinSize, figures.GetProperty("min_size_px").GetInt32());
        Assert.Equal(row.MaxSize, figures.GetProperty("max_size_px").GetInt32());
        Assert.Equal(row.WeightedMean, figures.GetProperty("lab_rms_weighted_mean").GetDouble(), 1e-12 * row.WeightedMean);
    }

    [Fact]
    public void The_ilgpu_device_gives_the_same_labels()
    {
        string image = TestPaths.RefData("synthetic", "chelsea_ref.png"), cpu = _dir.File("cpu.tif"), ilgpu = _dir.File("ilgpu.tif");
        string small = _dir.WritePng("small.png", TestImages.Crop(ImageDecoder.Decode(image), 40, 30, 64, 48).Bytes!, 64, 48, 3);
        Assert.Equal(0, CliRunner.Run("slic", small, "--segments", "24", "--out", cpu, "-a", "cpu").ExitCode);
        var r = CliRunner.Run("slic", small, "--segments", "24", "--out", ilgpu, "-a", "ilgpu-cpu", "-f", "json");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.StartsWith("ilgpu-cpu:0", JsonDocument.Parse(r.Output).RootElement.GetProperty("device").GetString());
        Assert.Equal(File.ReadAllBytes(cpu), File.ReadAllBytes(ilgpu));
    }

    [Theory]
    [InlineData("--segments 0", 1, "--segments '0'")]
    [InlineData("--compactness -1", 1, "compactness '-1'")]
    [InlineData("--compactness nan", 1, "compactness 'nan'")]
    [InlineData("--iterations 0", 1, "--iterations '0'")]
    [InlineData("--out labels.bmp", 2, "labels.bmp")]
    [InlineData("--overlay overlay.jpg", 2, "overlay.jpg")]
    public void Bad_parameters_and_destinations_are_one_line_errors(string options, int exitCode, string mention)
    {
        var args = options.Split(' ');
        if (args[0] is "--out" or "--overlay")
            args[1] = _dir.File(args[1]);
        var r = CliRunner.Run(["slic", TestPaths.RefData("synthetic", "chelsea_ref.png"), .. args]);
        CliAssert.CleanFailure(r, mention);
        Assert.Equal(exitCode, r.ExitCode);
    }

    public void Dispose() => _dir.Dispose();
}
