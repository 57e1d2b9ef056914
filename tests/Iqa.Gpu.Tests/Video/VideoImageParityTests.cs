using System.Text.Json;
using Iqa.Gpu.Tests.Cli;
using Iqa.Gpu.Video;

namespace Iqa.Gpu.Tests.Video;

/// <summary>
/// Per-frame video scores equal the image path (<c>iqa score</c>) on the same planes written as gray PNGs, which
/// gray input passes through unchanged. The two paths normalize samples with different roundings (float fma in the
/// video reader, double then float for images), so they agree to 1e-6, not bit for bit.
/// </summary>
public sealed class VideoImageParityTests : IDisposable
{
    private const double SsimTolerance = 1e-6, PsnrToleranceDb = 1e-6;

    private readonly TempDirectory _dir = new();
    private readonly TempDirectory _images = new();

    [Fact]
    public void EightBitLumaEqualsTheImagePathWithAutomaticDownsampling()
    {
        // 400x384: the matlab profile's automatic downsampling factor is round(384 / 256) = 2 on both paths.
        var reference = TestClip.Random(400, 384, VideoPixelFormat.Parse("yuv420p"), frames: 3, seed: 1);
        var distorted = reference.WithNoise(24, seed: 2);
        AssertParity(reference, distorted, [], dataRange: null, planes: 1);
    }

    [Theory]
    [InlineData("yuv420p")]
    [InlineData("yuv422p")]
    [InlineData("yuv444p")]
    public void EveryPlaneEqualsTheImagePathWithPlanesYuv(string pixelFormat)
    {
        var reference = TestClip.Random(64, 48, VideoPixelFormat.Parse(pixelFormat), frames: 2, seed: 3);
        var distorted = reference.WithNoise(30, seed: 4);
        AssertParity(reference, distorted, ["--planes", "yuv"], dataRange: null, planes: 3);
    }

    [Theory]
    [InlineData("yuv420p10le")]
    [InlineData("yuv444p12le")]
    public void DeepVideoIsScoredWithTheBitDepthsRange(string pixelFormat)
    {
        var format = VideoPixelFormat.Parse(pixelFormat);
        var reference = TestClip.Random(48, 40, format, frames: 2, seed: 5);
        var distorted = reference.WithNoise(format.MaxValue / 10, seed: 6);
        AssertParity(reference, distorted, ["--planes", "yuv"], dataRange: format.MaxValue, planes: 3);
    }

    [Fact]
    public void TenBitScaledByFourEqualsEightBitWithRange1020AndShiftsPsnrWith1023()
    {
        var eight = VideoPixelFormat.Parse("yuv420p");
        var ten = VideoPixelFormat.Parse("yuv420p10le");
        var reference = TestClip.Random(64, 48, eight, frames: 3, seed: 7);
        var distorted = reference.WithNoise(20, seed: 8);
        string ref8 = _dir.Write("ref8.y4m", reference.ToY4m()), dist8 = _dir.Write("dist8.y4m", distorted.ToY4m());
        string ref10 = _dir.Write("ref10.y4m", reference.Scaled(4, ten).ToY4m());
        string dist10 = _dir.Write("dist10.y4m", distorted.Scaled(4, ten).ToY4m());
        var (_, log8) = VideoCli.RunWithLog(_dir, "--ref", ref8, "--dist", dist8);
        var (_, log1020) = VideoCli.RunWithLog(_dir, "--ref", ref10, "--dist", dist10, "--data-range", "1020");
        var (_, log1023) = VideoCli.RunWithLog(_dir, "--ref", ref10, "--dist", dist10);
        using (log8)
        using (log1020)
        using (log1023)
        {
            Assert.Equal("1023", log1023.RootElement.GetProperty("settings").GetProperty("data_range").GetString());
            // 4x / 1020 = x / 255, and float(1/1020) = float(1/255) / 4 exactly: the normalized planes are identical.
            Assert.Equal(VideoCli.FrameScores(log8, "ssim"), VideoCli.FrameScores(log1020, "ssim"));
            Assert.Equal(VideoCli.FrameScores(log8, "psnr"), VideoCli.FrameScores(log1020, "psnr"));
            // With L = 1023 the squared error is 16 times the 8-bit one and the peak 1023 instead of 4 x 255.
            double shift = 20 * Math.Log10(1023.0 / 1020.0);
            var psnr8 = VideoCli.FrameScores(log8, "psnr");
            var psnr1023 = VideoCli.FrameScores(log1023, "psnr");
            for (int f = 0; f < psnr8.Length; f++)
                Assert.Equal(psnr8[f] + shift, psnr1023[f], 1e-5);
        }
    }

    /// <summary>Scores the clips as video, then each frame's planes as images, and compares frame by frame.</summary>
    private void AssertParity(TestClip reference, TestClip distorted, string[] options, int? dataRange, int planes)
    {
        string refPath = _dir.Write("ref.y4m", reference.ToY4m()), distPath = _dir.Write("dist.y4m", distorted.ToY4m());
        var (result, log) = VideoCli.RunWithLog(_dir, ["--ref", refPath, "--dist", distPath, .. options]);
        using (log)
        {
            Assert.Equal(0, result.ExitCode);
            string[] suffixes = ["", "_u", "_v"];
            for (int p = 0; p < planes; p++)
            {
                var ssim = VideoCli.FrameScores(log, "ssim" + suffixes[p]);
                var psnr = VideoCli.FrameScores(log, "psnr" + suffixes[p]);
                Assert.Equal(reference.Frames.Count, ssim.Length);
                for (int f = 0; f < ssim.Length; f++)
                {
                    var (imageSsim, imagePsnr) = ImageScores(reference, distorted, f, p, dataRange);
                    Assert.Equal(imageSsim, ssim[f], SsimTolerance);
                    Assert.Equal(imagePsnr, psnr[f], PsnrToleranceDb);
                }
            }
        }
    }

    private (double Ssim, double Psnr) ImageScores(TestClip reference, TestClip distorted, int frame, int plane, int? dataRange)
    {
        string a = WritePlane("ref", reference, frame, plane), b = WritePlane("dist", distorted, frame, plane);
        string[] range = dataRange is { } l ? ["--data-range", l.ToString()] : [];
        var r = CliRunner.Run(["score", a, b, "--color", "gray", "--format", "json", "-a", "cpu", .. range]);
        Assert.True(r.ExitCode == 0, r.Error);
        using var json = JsonDocument.Parse(r.Output);
        var scores = json.RootElement.GetProperty("scores");
        return (scores.GetProperty("ssim").GetDouble(), VideoCli.Number(scores.GetProperty("psnr")));
    }

    private string WritePlane(string name, TestClip clip, int frame, int plane)
    {
        var (w, h) = clip.PlaneSize(plane);
        var samples = clip.Frames[frame][plane];
        string file = $"{name}-{frame}-{plane}.png";
        return clip.Format.BitDepth == 8
            ? _images.WritePng(file, [.. samples.Select(v => (byte)v)], w, h, 1)
            : _images.WritePng16(file, samples, w, h, 1);
    }

    public void Dispose()
    {
        _dir.Dispose();
        _images.Dispose();
    }
}
