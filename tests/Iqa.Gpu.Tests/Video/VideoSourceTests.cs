using Iqa.Gpu.Video;

namespace Iqa.Gpu.Tests.Video;

public class VideoSourceTests
{
    private static readonly TestClip Clip = TestClip.Random(6, 4, VideoPixelFormat.Parse("yuv420p"), frames: 2);

    [Fact]
    public void Chooses_the_reader_by_extension()
    {
        using var temp = new TempDirectory();
        using (var y4m = VideoSource.Open(temp.Write("a.Y4M", Clip.ToY4m())))
            Assert.IsType<Y4mReader>(y4m);
        using (var raw = VideoSource.Open(temp.Write("a.yuv", Clip.ToRaw()), RawVideoFormat.Parse("6x4", "yuv420p")))
            Assert.IsType<RawYuvReader>(raw);
    }

    [Fact]
    public void Raw_video_needs_size_and_pixel_format()
    {
        using var temp = new TempDirectory();
        string path = temp.Write("a.yuv", Clip.ToRaw());
        var e = Assert.Throws<IqaException>(() => VideoSource.Open(path));
        Assert.Equal($"{path}: raw video needs its frame size and pixel format (e.g. 1920x1080, yuv420p)", e.Message);
    }

    [Theory]
    [InlineData("missing.y4m")]
    [InlineData("missing.yuv")]
    [InlineData("missing.mkv")]
    public void A_missing_file_is_named(string name)
    {
        string path = Path.Combine(Path.GetTempPath(), "iqa-no-such-dir", name);
        var e = Assert.Throws<IqaException>(() => VideoSource.Open(path, RawVideoFormat.Parse("6x4", "yuv420p")));
        Assert.Equal($"{path}: file not found", e.Message);
    }
}
