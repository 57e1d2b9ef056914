using System.Diagnostics;
using System.Text.Json;
using Iqa.Gpu.Video;

namespace Iqa.Gpu.Tests.Video;

/// <summary><c>iqa video</c>: alignment options, frame counts, truncation, logs, raw and ffmpeg inputs, bad input.</summary>
public sealed class VideoCommandTests : IDisposable
{
    private static readonly VideoPixelFormat Yuv420 = VideoPixelFormat.Parse("yuv420p");

    private readonly TempDirectory _dir = new();
    private readonly TestClip _reference = TestClip.Random(48, 32, Yuv420, frames: 6, seed: 11);
    private readonly TestClip _distorted;
    private readonly string _refPath, _distPath;

    public VideoCommandTests()
    {
        _distorted = _reference.WithNoise(25, seed: 12);
        _refPath = _dir.Write("ref.y4m", _reference.ToY4m());
        _distPath = _dir.Write("dist.y4m", _distorted.ToY4m());
    }

    [Fact]
    public void JsonLogHasLibvmafsShapeWithPooledStatisticsOfTheFrames()
    {
        var (result, log) = VideoCli.RunWithLog(_dir, "--ref", _refPath, "--dist", _distPath, "-m", "ssim,psnr");
        using (log)
        {
            Assert.Equal(0, result.ExitCode);
            var root = log.RootElement;
            var frames = root.GetProperty("frames").EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(0, 6), frames.Select(f => f.GetProperty("frameNum").GetInt32()));
            Assert.All(frames, f => Assert.Equal(["ssim", "psnr"], f.GetProperty("metrics").EnumerateObject().Select(p => p.Name)));
            Assert.Equal("y-plane", root.GetProperty("settings").GetProperty("color").GetString());
            Assert.Equal("255", root.GetProperty("settings").GetProperty("data_range").GetString());
            Assert.Equal(6, root.GetProperty("frames_scored").GetInt32());
            Assert.Equal(6, root.GetProperty("ref").GetProperty("frames").GetInt32());
            Assert.StartsWith("48x32 yuv420p", root.GetProperty("dist").GetProperty("format").GetString());
            foreach (string metric in new[] { "ssim", "psnr" })
            {
                var values = VideoCli.FrameScores(log, metric);
                var pooled = root.GetProperty("pooled_metrics").GetProperty(metric);
                Assert.Equal(values.Min(), pooled.GetProperty("min").GetDouble());
                Assert.Equal(values.Max(), pooled.GetProperty("max").GetDouble());
                Assert.Equal(values.Average(), pooled.GetProperty("mean").GetDouble(), 1e-12);
                Assert.Equal(values.Length / values.Sum(v => 1 / (v + 1)) - 1, pooled.GetProperty("harmonic_mean").GetDouble(), 1e-12);
                // Six frames: rank 0.05 (p1) and 0.25 (p5) between the two smallest values.
                var sorted = values.Order().ToArray();
                Assert.Equal(sorted[0] + 0.25 * (sorted[1] - sorted[0]), pooled.GetProperty("p5").GetDouble(), 1e-12);
                Assert.Equal(sorted[0] + 0.05 * (sorted[1] - sorted[0]), pooled.GetProperty("p1").GetDouble(), 1e-12);
            }
        }
    }

    [Fact]
    public void CsvLogHasOneRowPerFrameWithTheJsonValues()
    {
        string csv = _dir.File("log.csv");
        Assert.Equal(0, VideoCli.Run("--ref", _refPath, "--dist", _distPath, "--planes", "yuv", "--log", csv).ExitCode);
        var (_, json) = VideoCli.RunWithLog(_dir, "--ref", _refPath, "--dist", _distPath, "--planes", "yuv");
        using (json)
        {
            var lines = File.ReadAllLines(csv);
            Assert.Equal("frameNum,ssim,psnr,ssim_u,psnr_u,ssim_v,psnr_v", lines[0]);
            Assert.Equal(7, lines.Length);
            var psnrV = VideoCli.FrameScores(json, "psnr_v");
            for (int f = 0; f < 6; f++)
            {
                var cells = lines[f + 1].Split(',');
                Assert.Equal(f.ToString(), cells[0]);
                Assert.Equal(psnrV[f], double.Parse(cells[6], System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public void IdenticalVideosGiveSsimOneAndInfinitePsnrWrittenAsInf()
    {
        var r = VideoCli.Run("--ref", _refPath, "--dist", _refPath, "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(r.Output);
        var pooled = json.RootElement.GetProperty("pooled_metrics");
        Assert.Equal(1.0, pooled.GetProperty("ssim").GetProperty("mean").GetDouble());
        foreach (string statistic in new[] { "min", "mean", "harmonic_mean", "p1", "p5" })
            Assert.Equal("inf", pooled.GetProperty("psnr").GetProperty(statistic).GetString());
    }

    [Fact]
    public void SkipsAlignTheInputsAndFramesLimitsTheCount()
    {
        // The distorted clip starts one frame later: skipping the reference's first frame aligns them exactly.
        string late = _dir.Write("late.y4m", _reference.Slice(1, 5).ToY4m());
        var (result, log) = VideoCli.RunWithLog(_dir, "--ref", _refPath, "--dist", late, "--ref-skip", "1", "--frames", "3");
        using (log)
        {
            Assert.Equal(0, result.ExitCode);
            Assert.Equal([1.0, 1.0, 1.0], VideoCli.FrameScores(log, "ssim"));
            Assert.All(VideoCli.FrameScores(log, "psnr"), p => Assert.True(double.IsPositiveInfinity(p)));
            Assert.Equal(1, log.RootElement.GetProperty("ref").GetProperty("skip").GetInt32());
        }
        // Skipping both by two scores the full run's frames 2 and 3.
        var (_, full) = VideoCli.RunWithLog(_dir, "--ref", _refPath, "--dist", _distPath);
        var (_, window) = VideoCli.RunWithLog(_dir, "--ref", _refPath, "--dist", _distPath, "--ref-skip", "2", "--dist-skip", "2", "--frames", "2");
        using (full)
        using (window)
            Assert.Equal(VideoCli.FrameScores(full, "ssim")[2..4], VideoCli.FrameScores(window, "ssim"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DifferentFrameCountsScoreTheCommonFramesAndSaySo(bool referenceIsShorter)
    {
        string shorter = _dir.Write("short.y4m", (referenceIsShorter ? _reference : _distorted).Slice(0, 4).ToY4m());
        var (refPath, distPath) = referenceIsShorter ? (shorter, _distPath) : (_refPath, shorter);
        var r = VideoCli.Run("--ref", refPath, "--dist", distPath, "--format", "json");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"frame counts differ: {refPath} has {(referenceIsShorter ? 4 : 6)}, {distPath} has {(referenceIsShorter ? 6 : 4)}; " +
                        "scored the 4 common frames", r.Error);
        using var json = JsonDocument.Parse(r.Output);
        Assert.Equal(4, json.RootElement.GetProperty("frames_scored").GetInt32());
        Assert.Equal(referenceIsShorter ? 6 : 4, json.RootElement.GetProperty("dist").GetProperty("frames").GetInt32());
        Assert.Contains("frame counts differ", json.RootElement.GetProperty("frame_count_difference").GetString());
    }

    [Fact]
    public void TruncatedLastFrameScoresTheCompleteFramesAndExitsWith3()
    {
        var bytes = _distorted.ToY4m();
        string cut = _dir.Write("cut.y4m", bytes[..^100]);
        var (result, log) = VideoCli.RunWithLog(_dir, "--ref", _refPath, "--dist", cut);
        using (log)
        {
            Assert.Equal(3, result.ExitCode);
            Assert.Contains($"iqa: {cut}: last frame truncated (frame 6 of the file", result.Error);
            Assert.Contains("scored the 5 complete frames", result.Error);
            Assert.Equal(5, log.RootElement.GetProperty("frames_scored").GetInt32());
            Assert.Contains("truncated", log.RootElement.GetProperty("dist").GetProperty("truncation").GetString());
        }
    }

    [Fact]
    public void RawYuvWithSizeAndPixelFormatScoresLikeY4m()
    {
        string raw = _dir.Write("dist.yuv", _distorted.ToRaw());
        var (_, fromY4m) = VideoCli.RunWithLog(_dir, "--ref", _refPath, "--dist", _distPath);
        var (result, fromRaw) = VideoCli.RunWithLog(_dir, "--ref", _refPath, "--dist", raw, "--size", "48x32", "--pix-fmt", "yuv420p");
        using (fromY4m)
        using (fromRaw)
        {
            Assert.Equal(0, result.ExitCode);
            Assert.Equal(VideoCli.FrameScores(fromY4m, "psnr"), VideoCli.FrameScores(fromRaw, "psnr"));
        }
    }

    [Fact]
    public void MsSsimOnChromaIsNamedPerPlane()
    {
        var r = VideoCli.Run("--ref", _refPath, "--dist", _distPath, "-m", "ms_ssim", "--set", "ms_ssim.small=fewer",
            "--planes", "yuv", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(r.Output);
        Assert.Equal(["ms_ssim", "ms_ssim_scales", "ms_ssim_u", "ms_ssim_scales_u", "ms_ssim_v", "ms_ssim_scales_v"],
            json.RootElement.GetProperty("pooled_metrics").EnumerateObject().Select(p => p.Name));
    }

    [FfmpegFact]
    public void LosslessClipDecodedByFfmpegScoresLikeItsSource()
    {
        string mkv = _dir.File("dist.mkv");
        using (var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
                   ["-v", "error", "-nostdin", "-i", _distPath, "-c:v", "ffv1", mkv]) { RedirectStandardError = true })!)
        {
            string stderr = ffmpeg.StandardError.ReadToEnd();
            ffmpeg.WaitForExit();
            Assert.True(ffmpeg.ExitCode == 0, stderr);
        }
        var (_, fromY4m) = VideoCli.RunWithLog(_dir, "--ref", _refPath, "--dist", _distPath, "--planes", "yuv");
        var (result, fromMkv) = VideoCli.RunWithLog(_dir, "--ref", _refPath, "--dist", mkv, "--planes", "yuv");
        using (fromY4m)
        using (fromMkv)
        {
            Assert.Equal(0, result.ExitCode);
            foreach (string name in new[] { "ssim", "psnr", "ssim_u", "psnr_v" })
                Assert.Equal(VideoCli.FrameScores(fromY4m, name), VideoCli.FrameScores(fromMkv, name));
        }
    }

    [FfmpegTheory]
    [InlineData("yuv420p")]
    [InlineData("yuv422p10le")]
    public void PsnrOfEveryPlaneMatchesFfmpegsPsnrFilter(string pixelFormat)
    {
        // An independent implementation: ffmpeg's psnr filter (peak 2^depth - 1) logs each frame's PSNR to 0.01 dB.
        var format = VideoPixelFormat.Parse(pixelFormat);
        var reference = TestClip.Random(64, 48, format, frames: 3, seed: 14);
        string refPath = _dir.Write("psnr-ref.y4m", reference.ToY4m());
        string distPath = _dir.Write("psnr-dist.y4m", reference.WithNoise(format.MaxValue / 12, seed: 15).ToY4m());
        string stats = _dir.File("psnr.log");
        using (var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
                   ["-v", "error", "-nostdin", "-i", distPath, "-i", refPath, "-lavfi", $"[0:v][1:v]psnr=stats_file={stats}", "-f", "null", "-"])
               { RedirectStandardError = true })!)
        {
            string stderr = ffmpeg.StandardError.ReadToEnd();
            ffmpeg.WaitForExit();
            Assert.True(ffmpeg.ExitCode == 0, stderr);
        }
        var (result, log) = VideoCli.RunWithLog(_dir, "--ref", refPath, "--dist", distPath, "--planes", "yuv");
        using (log)
        {
            Assert.Equal(0, result.ExitCode);
            var lines = File.ReadAllLines(stats);
            Assert.Equal(3, lines.Length);
            foreach (var (plane, suffix) in new[] { ("y", ""), ("u", "_u"), ("v", "_v") })
            {
                var ours = VideoCli.FrameScores(log, "psnr" + suffix);
                for (int f = 0; f < 3; f++)
                {
                    string field = lines[f].Split(' ').Single(t => t.StartsWith($"psnr_{plane}:"));
                    double theirs = double.Parse(field[(field.IndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                    Assert.True(Math.Abs(ours[f] - theirs) <= 0.0051, $"frame {f} {plane}: {ours[f]} vs ffmpeg {theirs}");
                }
            }
        }
    }

    [Theory]
    [InlineData("size", "frame size 32x32 differs from the reference")]
    [InlineData("depth", "10-bit differs from the reference")]
    [InlineData("chroma", "chroma 444 differs from the reference")]
    [InlineData("log", "name a .json or .csv file")]
    [InlineData("raw", "--size and --pix-fmt go together")]
    [InlineData("skip", "cannot skip 9 frames, it has only 6 complete frames")]
    public void BadInputIsOneLineAndExitCode2(string problem, string message)
    {
        string Other(TestClip clip) => _dir.Write($"{problem}.y4m", clip.ToY4m());
        string[] args = problem switch
        {
            "size" => ["--dist", Other(TestClip.Random(32, 32, Yuv420, 2))],
            "depth" => ["--dist", Other(_reference.Scaled(4, VideoPixelFormat.Parse("yuv420p10le")))],
            "chroma" => ["--dist", Other(TestClip.Random(48, 32, VideoPixelFormat.Parse("yuv444p"), 2)), "--planes", "yuv"],
            "log" => ["--dist", _distPath, "--log", _dir.File("log.txt")],
            "raw" => ["--dist", _distPath, "--size", "48x32"],
            _ => ["--dist", _distPath, "--dist-skip", "9"],
        };
        var r = VideoCli.Run(["--ref", _refPath, .. args]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Error);
        Assert.Single(r.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void AFailureWhileScoringStopsTheReaderAndNamesTheFrame()
    {
        // 8x8 frames are smaller than the SSIM window: the first frame fails while the reader is ahead.
        var tiny = TestClip.Random(8, 8, Yuv420, frames: 5, seed: 13);
        string path = _dir.Write("tiny.y4m", tiny.ToY4m());
        var r = VideoCli.Run("--ref", path, "--dist", path);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"iqa: {path} (frame 0, Y plane): 8x8 is smaller than the 11x11 SSIM window", r.Error.TrimEnd());
    }

    [Fact]
    public void ColourConversionIsNotAnOption()
    {
        var r = VideoCli.Run("--ref", _refPath, "--dist", _distPath, "--color", "rgb");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--color", r.Error);
    }

    [Fact]
    public void AnUndecodableContainerIsOneLineAndExitCode2()
    {
        // Read through ffmpeg: its failure (or its absence) is reported naming the file, never a hang.
        string garbage = _dir.Write("garbage.mkv", [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 37))]);
        var r = VideoCli.Run("--ref", _refPath, "--dist", garbage);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(garbage, r.Error);
        Assert.Single(r.Error.TrimEnd().Split('\n'));
    }

    public void Dispose() => _dir.Dispose();
}
