using System.Text.Json;

namespace Iqa.Gpu.Tests.Cli;

/// <summary>NIQE through the CLI: one image, batch over a folder, custom models, bad inputs.</summary>
public sealed class NiqeCommandTests : IDisposable
{
    private readonly TempDirectory _images = new();

    /// <summary>The reference port's niqe_f64_flatzero value for astronaut_ref (1e-6 relative, as the parity tests).</summary>
    [Fact]
    public void ScoresOneImage()
    {
        var r = CliRunner.Run("score", TestPaths.RefData("synthetic", "astronaut_ref.png"), "-m", "niqe", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        var root = JsonDocument.Parse(r.Output).RootElement;
        Assert.EndsWith("astronaut_ref.png", root.GetProperty("image").GetString());
        Assert.Equal("live", root.GetProperty("settings").GetProperty("niqe.model").GetString());
        Assert.Equal(3.0651386477057403, root.GetProperty("scores").GetProperty("niqe").GetDouble(), 3.0651386477057403 * 1e-6);
    }

    /// <summary>The kernels through the CLI: --accelerator ilgpu-cpu, niqe_f64_flatzero to 1e-6 relative.</summary>
    [Fact]
    public void ScoresOnTheIlgpuCpuAccelerator()
    {
        var r = CliRunner.Run("score", TestPaths.RefData("synthetic", "chelsea_ref.png"), "-m", "niqe",
            "--accelerator", "ilgpu-cpu", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        var root = JsonDocument.Parse(r.Output).RootElement;
        Assert.Equal("ilgpu-cpu", root.GetProperty("accelerator").GetString());
        Assert.Equal(2.5720840430148786, root.GetProperty("scores").GetProperty("niqe").GetDouble(), 2.5720840430148786 * 1e-6);
    }

    [Fact]
    public void CsvNamesTheImageColumn()
    {
        var r = CliRunner.Run("score", TestPaths.RefData("synthetic", "chelsea_ref.png"), "-m", "niqe", "--format", "csv");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("image,niqe,", r.Output);
    }

    [Fact]
    public void FitThenScoreWithTheFittedModel()
    {
        string pristine = Directory.CreateDirectory(_images.File("pristine")).FullName;
        foreach (var name in new[] { "astronaut_ref.png", "coffee_ref.png", "chelsea_ref.png" })
            File.Copy(TestPaths.RefData("synthetic", name), Path.Combine(pristine, name));
        string model = _images.File("model.json");
        Assert.Equal(0, CliRunner.Run("niqe-fit", "--pristine", pristine, "--out", model).ExitCode);
        var r = CliRunner.Run("score", TestPaths.RefData("synthetic", "coffee_noise10.png"), "-m", "niqe", "--niqe-model", model, "--format", "json");
        Assert.Equal(0, r.ExitCode);
        var root = JsonDocument.Parse(r.Output).RootElement;
        Assert.Equal(model, root.GetProperty("settings").GetProperty("niqe.model").GetString());
        double custom = root.GetProperty("scores").GetProperty("niqe").GetDouble();
        Assert.True(double.IsFinite(custom) && custom > 0);
    }

    [Fact]
    public void BatchOverAFolder()
    {
        string output = _images.File("niqe.jsonl");
        var r = CliRunner.Run("batch", "--dir", TestPaths.RefData("niqe_ref"), "-m", "niqe", "--out", output);
        // niqe_ref holds a 96x96 crop: one block is too few for NIQE, so that image is an error row (exit 3).
        Assert.Equal(3, r.ExitCode);
        var rows = Batch.BatchOutput.Rows(output);
        Assert.Equal(3, rows.Count);
        Assert.Contains("h96_w96", Assert.Single(rows, row => row.TryGetProperty("error", out _)).GetProperty("image").GetString());
    }

    [Fact]
    public void BadInputs()
    {
        string small = _images.WritePng("small.png", TestImages.Pattern(100, 90, 1, seed: 1), 100, 90, 1);
        var tooSmall = CliRunner.Run("score", small, "-m", "niqe");
        Assert.Equal(2, tooSmall.ExitCode);
        Assert.Contains(small, tooSmall.Error);
        Assert.Contains("96", tooSmall.Error);

        string broken = _images.File("broken.json");
        File.WriteAllText(broken, "{\"mu\": [1, 2");
        var badModel = CliRunner.Run("score", TestPaths.RefData("synthetic", "astronaut_ref.png"), "-m", "niqe", "--niqe-model", broken);
        Assert.Equal(2, badModel.ExitCode);
        Assert.Contains("broken.json", badModel.Error);
        Assert.Equal("", badModel.Output);

        var mixed = CliRunner.Run("score", small, small, "-m", "niqe,ssim");
        Assert.Contains("can't be scored together", mixed.Error);
    }

    public void Dispose() => _images.Dispose();
}
