using System.Text.Json;
using Iqa.Gpu.Images;

namespace Iqa.Gpu.Tests.Cli;

public sealed class ScoreCommandTests : IDisposable
{
    private readonly TempDirectory _images = new();
    private static string Synthetic(string name) => TestPaths.RefData("synthetic", name);

    [Fact]
    public void JsonHasTheDocumentedShape()
    {
        var r = CliRunner.Run("score", Synthetic("chelsea_ref.png"), Synthetic("chelsea_blur2.png"), "--format", "json", "--timings", "-a", "cpu");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Output);
        var root = doc.RootElement;
        Assert.EndsWith("chelsea_ref.png", root.GetProperty("ref").GetString());
        Assert.EndsWith("chelsea_blur2.png", root.GetProperty("dist").GetString());
        Assert.Equal("matlab", root.GetProperty("profile").GetString());
        Assert.Equal("gray", root.GetProperty("settings").GetProperty("color").GetString());
        Assert.Equal("auto", root.GetProperty("settings").GetProperty("downsample").GetString());
        Assert.Equal("cpu", root.GetProperty("accelerator").GetString());
        // chelsea is 300x451: automatic factor 1, so this is the ssim_gray reference value.
        Assert.Equal(0.7881165615275995, root.GetProperty("scores").GetProperty("ssim").GetDouble(), 1e-5);
        Assert.True(root.GetProperty("scores").GetProperty("psnr").GetDouble() > 20);
        var timings = root.GetProperty("timings_ms");
        foreach (var key in new[] { "decode", "compute", "total" })
            Assert.True(timings.GetProperty(key).GetDouble() >= 0);
    }

    [Fact]
    public void ProfileOptionsOverrideTheProfile()
    {
        var r = CliRunner.Run("score", Synthetic("astronaut_ref.png"), Synthetic("astronaut_noise10.png"),
            "--profile", "matlab", "--downsample", "none", "--color", "y", "--format", "json", "-a", "cpu");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Output);
        Assert.Equal("none", doc.RootElement.GetProperty("settings").GetProperty("downsample").GetString());
        Assert.Equal(0.8301419117453229, doc.RootElement.GetProperty("scores").GetProperty("ssim").GetDouble(), 1e-5);
        Assert.Equal(33.27177469179597, doc.RootElement.GetProperty("scores").GetProperty("psnr").GetDouble(), 1e-3);
    }

    [Fact]
    public void PyiqaProfileIsLumaWithoutDownsampling()
    {
        var r = CliRunner.Run("score", Synthetic("astronaut_ref.png"), Synthetic("astronaut_noise10.png"), "--profile", "pyiqa", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Output);
        Assert.Equal("luma", doc.RootElement.GetProperty("settings").GetProperty("color").GetString());
        Assert.Equal("none", doc.RootElement.GetProperty("settings").GetProperty("downsample").GetString());
    }

    [Fact]
    public void IdenticalImagesGiveOneAndInfAsAString()
    {
        var r = CliRunner.Run("score", Synthetic("chelsea_ref.png"), Synthetic("chelsea_ref.png"), "--format", "json", "-a", "cpu");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Output);
        Assert.Equal(1.0, doc.RootElement.GetProperty("scores").GetProperty("ssim").GetDouble());
        Assert.Equal("inf", doc.RootElement.GetProperty("scores").GetProperty("psnr").GetString());
    }

    /// <summary>A 16-bit PNG holding 257 x the 8-bit samples scores the same as the 8-bit file (y is linear, L = 65535).</summary>
    [Fact]
    public void SixteenBitPngScoresLikeItsEightBitSource()
    {
        const int w = 90, h = 70;
        var a8 = TestImages.Pattern(w, h, 3, seed: 7);
        var b8 = TestImages.Pattern(w, h, 3, seed: 8, noise: 40);
        string a = _images.WritePng("a8.png", a8, w, h, 3), b = _images.WritePng("b8.png", b8, w, h, 3);
        string a16 = _images.WritePng16("a16.png", a8.Select(v => (ushort)(v * 257)).ToArray(), w, h, 3);
        string b16 = _images.WritePng16("b16.png", b8.Select(v => (ushort)(v * 257)).ToArray(), w, h, 3);
        Assert.Equal(16, ImageDecoder.Decode(a16).BitDepth);
        var eight = JsonDocument.Parse(CliRunner.Run("score", a, b, "--color", "y", "--format", "json", "-a", "cpu").Output);
        var sixteen = JsonDocument.Parse(CliRunner.Run("score", a16, b16, "--color", "y", "--format", "json", "-a", "cpu").Output);
        foreach (var metric in new[] { "ssim", "psnr" })
            Assert.Equal(eight.RootElement.GetProperty("scores").GetProperty(metric).GetDouble(),
                sixteen.RootElement.GetProperty("scores").GetProperty(metric).GetDouble(), 1e-5);
    }

    [Fact]
    public void MetricsListsKindDirectionAndBackends()
    {
        var r = CliRunner.Run("metrics");
        Assert.Equal(0, r.ExitCode);
        var ssim = r.Output.Split('\n').Single(l => l.StartsWith("ssim "));
        Assert.Contains("full-reference", ssim);
        Assert.Contains("higher is better", ssim);
        Assert.Contains("ilgpu-cpu", ssim);
        Assert.Contains(r.Output.Split('\n'), l => l.StartsWith("psnr "));
    }

    [Fact]
    public void DevicesListsTheCpuBackends()
    {
        var r = CliRunner.Run("devices");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(r.Output.Split('\n'), l => l.StartsWith("cpu "));
        Assert.Contains(r.Output.Split('\n'), l => l.StartsWith("ilgpu-cpu "));
    }

    public void Dispose() => _images.Dispose();
}
