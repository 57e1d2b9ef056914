using Iqa.Gpu.Video;

namespace Iqa.Gpu.Tests.Video;

public class FrameWindowTests
{
    private static readonly TestClip Clip = TestClip.Random(4, 2, VideoPixelFormat.Parse("yuv444p"), frames: 10);

    private static RawYuvReader OpenRaw(TempDirectory temp, byte[] bytes) =>
        RawYuvReader.Open(temp.Write("clip.yuv", bytes), RawVideoFormat.Parse("4x2", "yuv444p"));

    [Theory]
    [InlineData(0, null, 0, 10)]
    [InlineData(2, 3L, 2, 3)]
    [InlineData(7, null, 7, 3)]
    [InlineData(10, null, 10, 0)]
    [InlineData(0, 0L, 0, 0)]
    [InlineData(4, 100L, 4, 6)]
    public void Skips_and_limits(long skip, long? limit, int first, int count)
    {
        using var temp = new TempDirectory();
        using var window = new FrameWindow(OpenRaw(temp, Clip.ToRaw()), skip, limit);
        Assert.Equal(count, window.Info.FrameCount);
        var frame = new VideoFrame();
        for (int i = 0; i < count; i++)
        {
            Assert.True(window.ReadFrame(frame));
            Clip.AssertFrame(first + i, frame);
        }
        Assert.False(window.ReadFrame(frame));
        Assert.Equal(count, window.FramesRead);
    }

    [Fact]
    public void Skipping_past_the_end_is_an_error()
    {
        using var temp = new TempDirectory();
        using var window = new FrameWindow(OpenRaw(temp, Clip.ToRaw()), skip: 12);
        var e = Assert.Throws<IqaException>(() => window.ReadFrame(new VideoFrame()));
        Assert.EndsWith("clip.yuv: cannot skip 12 frames, it has only 10 complete frames", e.Message);
    }

    [Fact]
    public void A_limit_before_a_truncated_frame_ends_cleanly()
    {
        byte[] y4m = Clip.ToY4m();
        using var window = new FrameWindow(Y4mReader.FromStream(new MemoryStream(y4m[..^5]), "clip.y4m"), skip: 1, limit: 8);
        var frame = new VideoFrame();
        while (window.ReadFrame(frame)) { }
        Assert.Equal(8, window.FramesRead);
        Assert.Null(window.Truncation);
    }

    [Fact]
    public void A_truncated_frame_inside_the_window_is_reported()
    {
        byte[] y4m = Clip.ToY4m();
        using var window = new FrameWindow(Y4mReader.FromStream(new MemoryStream(y4m[..^5]), "clip.y4m"), skip: 1);
        var frame = new VideoFrame();
        while (window.ReadFrame(frame)) { }
        Assert.Equal(8, window.FramesRead);
        Assert.Equal("clip.y4m: last frame truncated (frame 10 of the file: 19 of 24 bytes)", window.Truncation);
    }
}
