using System.Diagnostics;
using Iqa.Gpu.Video;

namespace Iqa.Gpu.Tests.Video;

public class FfmpegFrameSourceTests
{
    /// <summary>Runs ffmpeg to prepare an input; fails the test with ffmpeg's message if it cannot.</summary>
    internal static void Ffmpeg(params string[] arguments)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (string argument in (string[])["-v", "error", "-nostdin", "-y", .. arguments])
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, errors);
    }

    [FfmpegTheory]
    [InlineData("yuv420p", "ffv1", "mkv")]
    [InlineData("yuv422p10le", "ffv1", "mkv")]
    [InlineData("yuv444p12le", "ffv1", "mkv")]
    [InlineData("gray10le", "ffv1", "mkv")]
    [InlineData("yuv420p", "rawvideo", "avi")]
    public void Decodes_lossless_video_sample_exact_keeping_its_format(string pixelFormat, string codec, string container)
    {
        using var temp = new TempDirectory();
        var clip = TestClip.Random(34, 18, VideoPixelFormat.Parse(pixelFormat), frames: 5);
        string source = temp.Write("source.y4m", clip.ToY4m());
        string encoded = temp.File($"clip.{container}");
        Ffmpeg("-i", source, "-c:v", codec, "-strict", "-1", encoded);
        using var reader = VideoSource.Open(encoded);
        Assert.IsType<FfmpegFrameSource>(reader);
        Assert.Equal(clip.Format, reader.Info.Format);
        Assert.Equal(new Rational(25, 1), reader.Info.FrameRate);
        clip.AssertReadBy(reader);
    }

    [FfmpegFact]
    public void Repacks_semi_planar_video_without_loss()
    {
        using var temp = new TempDirectory();
        var clip = TestClip.Random(16, 8, VideoPixelFormat.Parse("yuv420p"), frames: 3);
        string source = temp.Write("source.y4m", clip.ToY4m());
        string encoded = temp.File("clip.nut");
        Ffmpeg("-i", source, "-c:v", "rawvideo", "-pix_fmt", "nv12", encoded);
        using var reader = FfmpegFrameSource.Open(encoded);
        Assert.Equal("yuv420p", reader.Info.Format.Name);
        clip.AssertReadBy(reader);
    }

    [FfmpegFact]
    public void Converts_rgb_to_444_at_its_bit_depth()
    {
        using var temp = new TempDirectory();
        string encoded = temp.File("rgb.mkv");
        Ffmpeg("-f", "lavfi", "-i", "testsrc2=size=32x16:rate=10", "-frames:v", "4", "-pix_fmt", "gbrp10le", "-c:v", "ffv1", encoded);
        using var reader = FfmpegFrameSource.Open(encoded);
        Assert.Equal("yuv444p10le", reader.Info.Format.Name);
        var frame = new VideoFrame();
        int frames = 0;
        while (reader.ReadFrame(frame))
            frames++;
        Assert.Equal(4, frames);
    }

    [FfmpegFact]
    public void Reports_what_ffprobe_says_about_an_unreadable_file()
    {
        using var temp = new TempDirectory();
        string path = temp.Write("broken.mp4", [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]);
        var e = Assert.Throws<IqaException>(() => VideoSource.Open(path));
        Assert.StartsWith($"ffprobe cannot read {path} (exit code 1): ", e.Message);
        Assert.Contains("Invalid data found", e.Message);
    }

    [FfmpegFact]
    public void Reports_a_file_without_video()
    {
        using var temp = new TempDirectory();
        string path = temp.File("tone.wav");
        Ffmpeg("-f", "lavfi", "-i", "sine=duration=0.1", path);
        var e = Assert.Throws<IqaException>(() => VideoSource.Open(path));
        Assert.Equal($"{path}: no decodable video stream", e.Message);
    }

    [FfmpegFact]
    public void Disposing_mid_stream_stops_ffmpeg_promptly()
    {
        using var temp = new TempDirectory();
        string encoded = temp.File("long.mkv");
        Ffmpeg("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-frames:v", "300", "-c:v", "ffv1", encoded);
        var watch = Stopwatch.StartNew();
        using (var reader = FfmpegFrameSource.Open(encoded))
            Assert.True(reader.ReadFrame(new VideoFrame()));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Says_how_to_install_a_missing_tool()
    {
        using var temp = new TempDirectory();
        string path = temp.Write("clip.mkv", [0]);
        var e = Assert.Throws<IqaException>(() => FfmpegFrameSource.Open(path, 1 << 28, "no-such-ffmpeg", "no-such-ffprobe"));
        Assert.Equal($"no-such-ffprobe not found: install it (e.g. apt-get install ffmpeg) to read {path}", e.Message);
    }

    [FfmpegFact]
    public void Says_how_to_install_ffmpeg_when_only_ffprobe_is_there()
    {
        using var temp = new TempDirectory();
        var clip = TestClip.Random(4, 4, VideoPixelFormat.Parse("yuv420p"), frames: 1);
        string encoded = temp.File("clip.mkv");
        Ffmpeg("-i", temp.Write("source.y4m", clip.ToY4m()), "-c:v", "ffv1", encoded);
        var e = Assert.Throws<IqaException>(() => FfmpegFrameSource.Open(encoded, 1 << 28, "no-such-ffmpeg", "ffprobe"));
        Assert.Equal($"no-such-ffmpeg not found: install it (e.g. apt-get install ffmpeg) to read {encoded}", e.Message);
    }
}
