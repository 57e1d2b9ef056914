using Iqa.Gpu.Video;

namespace Iqa.Gpu.Tests.Video;

public class RawYuvReaderTests
{
    [Theory]
    [InlineData("yuv420p", 10, 6)]
    [InlineData("yuv422p", 7, 3)]
    [InlineData("yuv444p", 4, 4)]
    [InlineData("gray", 5, 5)]
    [InlineData("yuv420p10le", 9, 5)]
    [InlineData("yuv422p10le", 6, 2)]
    [InlineData("yuv444p10le", 3, 3)]
    [InlineData("gray10le", 4, 2)]
    [InlineData("yuv420p12le", 8, 8)]
    [InlineData("yuv420p16le", 6, 4)]
    public void Reads_frames_sample_exact(string pixelFormat, int width, int height)
    {
        using var temp = new TempDirectory();
        var clip = TestClip.Random(width, height, VideoPixelFormat.Parse(pixelFormat), frames: 4);
        string path = temp.Write("clip.yuv", clip.ToRaw());
        using var reader = RawYuvReader.Open(path, RawVideoFormat.Parse($"{width}x{height}", pixelFormat));
        Assert.Equal(4, reader.Info.FrameCount);
        var frame = new VideoFrame();
        for (int i = 0; i < 4; i++)
        {
            Assert.True(reader.ReadFrame(frame));
            clip.AssertFrame(i, frame);
        }
        Assert.False(reader.ReadFrame(frame));
        Assert.Null(reader.Truncation);
    }

    [Fact]
    public void Refuses_a_file_that_is_not_whole_frames()
    {
        using var temp = new TempDirectory();
        var clip = TestClip.Random(4, 4, VideoPixelFormat.Parse("yuv420p"), frames: 2);
        string path = temp.Write("clip.yuv", [.. clip.ToRaw(), 1, 2, 3]);
        var e = Assert.Throws<IqaException>(() => RawYuvReader.Open(path, RawVideoFormat.Parse("4x4", "yuv420p")));
        Assert.Equal(
            $"{path}: 51 bytes is not a whole number of 4x4 yuv420p frames (24 bytes each): check the frame size and pixel format",
            e.Message);
    }

    [Fact]
    public void An_empty_file_has_no_frames()
    {
        using var temp = new TempDirectory();
        using var reader = RawYuvReader.Open(temp.Write("empty.yuv", []), RawVideoFormat.Parse("4x4", "gray"));
        Assert.False(reader.ReadFrame(new VideoFrame()));
        Assert.Null(reader.Truncation);
    }

    [Theory]
    [InlineData("1920x1080", "yuv420p", 1920, 1080, "yuv420p")]
    [InlineData("64X48", "YUV422P10LE", 64, 48, "yuv422p10le")]
    [InlineData("2x2", "yuvj420p", 2, 2, "yuv420p")] // full-range alias: same samples
    public void Parses_size_and_pixel_format(string size, string pixelFormat, int width, int height, string name)
    {
        var format = RawVideoFormat.Parse(size, pixelFormat);
        Assert.Equal((width, height, name), (format.Width, format.Height, format.Format.Name));
    }

    [Theory]
    [InlineData("1920", "yuv420p", "invalid frame size '1920'")]
    [InlineData("0x4", "yuv420p", "invalid frame size '0x4'")]
    [InlineData("4x4", "nv12", "unknown pixel format 'nv12'")]
    [InlineData("4x4", "yuv420p10be", "unknown pixel format 'yuv420p10be'")]
    public void Rejects_bad_size_or_pixel_format(string size, string pixelFormat, string problem)
    {
        var e = Assert.Throws<IqaException>(() => RawVideoFormat.Parse(size, pixelFormat));
        Assert.StartsWith(problem, e.Message);
    }
}
