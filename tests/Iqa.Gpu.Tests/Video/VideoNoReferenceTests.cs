using System.Text.Json;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics.Niqe;
using Iqa.Gpu.Tests.Cli;
using Iqa.Gpu.Video;

namespace Iqa.Gpu.Tests.Video;

/// <summary>No-reference metrics in <c>iqa video</c> judge the distorted frame's Y plane; RGB-only metrics are refused.</summary>
public sealed class VideoNoReferenceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    /// <summary>8-bit and 10-bit: NIQE of each frame equals NIQE of its Y samples on the 0..255 scale (1e-9 relative).</summary>
    [Theory]
    [InlineData("yuv420p")]
    [InlineData("yuv420p10le")]
    public void NiqeScoresTheDistortedYPlane(string pixelFormat)
    {
        var format = VideoPixelFormat.Parse(pixelFormat);
        var reference = TestClip.Random(200, 104, format, frames: 2, seed: 3);
        var distorted = reference.WithNoise(format.MaxValue / 10, seed: 4);
        string refPath = _dir.Write("ref.y4m", reference.ToY4m()), distPath = _dir.Write("dist.y4m", distorted.ToY4m());
        var r = VideoCli.Run("--ref", refPath, "--dist", distPath, "--metric", "ssim,niqe", "--format", "json", "--log", _dir.File("log.json"));
        Assert.True(r.ExitCode == 0, r.Error);
        using var log = JsonDocument.Parse(File.ReadAllText(_dir.File("log.json")));
        var frames = log.RootElement.GetProperty("frames").EnumerateArray().ToList();
        Assert.Equal(2, frames.Count);
        for (int f = 0; f < 2; f++)
        {
            var y = distorted.Frames[f][0];
            var plane = new Plane(200, 104, y.Select(v => (float)(v * (255.0 / format.MaxValue))).ToArray());
            double expected = NiqeCalculator.Scalar.Score(plane);
            double actual = frames[f].GetProperty("metrics").GetProperty("niqe").GetDouble();
            Assert.Equal(expected, actual, expected * 1e-9);
            Assert.True(frames[f].GetProperty("metrics").TryGetProperty("ssim", out _));
        }
        // NIQE reads the samples on the 0..255 scale by their bit depth, whatever data range the other metrics use.
        var ranged = VideoCli.Run("--ref", refPath, "--dist", distPath, "--metric", "niqe", "--data-range", "1000", "--format", "json");
        Assert.True(ranged.ExitCode == 0, ranged.Error);
        double pooled = JsonDocument.Parse(ranged.Output).RootElement.GetProperty("pooled_metrics").GetProperty("niqe").GetProperty("mean").GetDouble();
        Assert.Equal(frames.Average(f => f.GetProperty("metrics").GetProperty("niqe").GetDouble()), pooled, 1e-9);
    }

    /// <summary>The video path on every backend: per-frame scores agree with cpu (1e-5 SSIM/MS-SSIM, 1e-4 dB PSNR, 1e-6 relative NIQE).</summary>
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void BackendsAgreeOnVideo(string backend)
    {
        var format = VideoPixelFormat.Parse("yuv420p10le");
        var reference = TestClip.Random(400, 360, format, frames: 2, seed: 5); // chroma 200x180: room for 5 MS-SSIM scales and two NIQE blocks
        string refPath = _dir.Write("r.y4m", reference.ToY4m()), distPath = _dir.Write("d.y4m", reference.WithNoise(80, seed: 6).ToY4m());
        double[] Scores(string accelerator, string metric)
        {
            var r = CliRunner.Run("video", "-a", accelerator, "--quiet", "--ref", refPath, "--dist", distPath, "--metric", metric,
                "--planes", "yuv", "--log", _dir.File($"{accelerator}-{metric}.json"));
            Assert.True(r.ExitCode == 0, r.Error);
            using var log = JsonDocument.Parse(File.ReadAllText(_dir.File($"{accelerator}-{metric}.json")));
            return log.RootElement.GetProperty("frames").EnumerateArray()
                .SelectMany(f => f.GetProperty("metrics").EnumerateObject().Select(m => m.Value.GetDouble())).ToArray();
        }
        foreach (var (metric, tolerance, relative) in new[] { ("ssim,psnr", 1e-4, false), ("ms_ssim", 1e-5, false), ("niqe", 1e-6, true) })
        {
            double[] expected = Scores("cpu", metric), actual = Scores(backend, metric);
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance * (relative ? Math.Abs(expected[i]) : 1),
                    $"{metric} value {i}: {actual[i]} vs {expected[i]}");
        }
    }

    [Fact]
    public void DeepMetricsAreRefused()
    {
        var clip = TestClip.Random(64, 48, VideoPixelFormat.Parse("yuv420p"), frames: 1);
        string path = _dir.Write("clip.y4m", clip.ToY4m());
        var r = VideoCli.Run("--ref", path, "--dist", path, "--metric", "lpips");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("lpips scores RGB images", r.Error);
    }

    public void Dispose() => _dir.Dispose();
}
