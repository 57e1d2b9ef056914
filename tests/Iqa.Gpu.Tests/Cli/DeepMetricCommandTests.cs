using System.Text.Json;
using Iqa.Gpu.Tests.Deep;

namespace Iqa.Gpu.Tests.Cli;

/// <summary>The deep-feature metrics through <c>iqa score</c>: bundled LPIPS, user models with --model, errors.</summary>
public sealed class DeepMetricCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private static string Example(string name) => TestPaths.RefData("lpips_examples", name + ".png");

    private static JsonElement Scores(CliRunner.Result r)
    {
        Assert.True(r.ExitCode == 0, r.Error);
        return JsonDocument.Parse(r.Output).RootElement.GetProperty("scores").Clone();
    }

    /// <summary>The LPIPS authors' example values (4 decimals published: half a unit of the last digit).</summary>
    [Fact]
    public void BundledLpipsMatchesTheAuthorsExamples()
    {
        var scores = Scores(CliRunner.Run("score", Example("ex_ref"), Example("ex_p1"), "-m", "lpips,lpips-squeeze", "--format", "json"));
        Assert.Equal(0.1376, scores.GetProperty("lpips").GetDouble(), 5e-5);
        Assert.Equal(0.1479, scores.GetProperty("lpips-squeeze").GetDouble(), 5e-5);
    }

    /// <summary>Outputs say where each score was computed: the device, and ONNX Runtime for the deep metrics.</summary>
    [Fact]
    public void OutputsNameWhereEachMetricRan()
    {
        var r = CliRunner.Run("score", Example("ex_ref"), Example("ex_p1"), "-m", "lpips", "--set", "lpips.threads=1", "--format", "json", "-a", "cpu");
        var root = JsonDocument.Parse(r.Output).RootElement;
        Assert.StartsWith("cpu (", root.GetProperty("device").GetString());
        Assert.Equal("onnxruntime-cpu (1 thread)", root.GetProperty("computed_on").GetProperty("lpips").GetString());
        var ssim = JsonDocument.Parse(CliRunner.Run("score", Example("ex_ref"), Example("ex_p1"), "--format", "json", "-a", "ilgpu-cpu").Output).RootElement;
        Assert.StartsWith("ilgpu-cpu:0 ", ssim.GetProperty("device").GetString());
        Assert.False(ssim.TryGetProperty("computed_on", out _));
        Assert.Contains("lpips computed on onnxruntime-cpu", CliRunner.Run("score", Example("ex_ref"), Example("ex_p1"), "-m", "lpips").Output);
    }

    [Fact]
    public void UserModelIsGivenWithModel()
    {
        string model = new TinyOnnxModel { Output = "lpips" }.WriteTo(_dir.Path);
        var viaModel = Scores(CliRunner.Run("score", Example("ex_ref"), Example("ex_p0"), "-m", "lpips-vgg", "--model", model, "--format", "json"));
        var viaSet = Scores(CliRunner.Run("score", Example("ex_ref"), Example("ex_p0"), "-m", "lpips-vgg", "--set", $"lpips-vgg.model={model}", "--format", "json"));
        Assert.Equal(viaSet.GetProperty("lpips-vgg").GetDouble(), viaModel.GetProperty("lpips-vgg").GetDouble());
        Assert.True(viaModel.GetProperty("lpips-vgg").GetDouble() > 0);
    }

    [Fact]
    public void MissingUserModelIsACleanError()
    {
        var r = CliRunner.Run("score", Example("ex_ref"), Example("ex_p0"), "-m", "dists");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Output);
        Assert.Contains("dists has no bundled model", r.Error);
        var missing = CliRunner.Run("score", Example("ex_ref"), Example("ex_p0"), "-m", "dists", "--model", _dir.Path + "/none.onnx");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("none.onnx", missing.Error);
    }

    public void Dispose() => _dir.Dispose();
}
