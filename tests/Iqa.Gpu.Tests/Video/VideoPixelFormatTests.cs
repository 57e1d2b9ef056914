using Iqa.Gpu.Video;

namespace Iqa.Gpu.Tests.Video;

public class VideoPixelFormatTests
{
    [Theory]
    [InlineData("yuv420p", 1920, 1080, 3110400)]
    [InlineData("yuv420p", 5, 3, 15 + 2 * 3 * 2)] // chroma 3x2: odd sizes round up
    [InlineData("yuv422p10le", 5, 3, (15 + 2 * 3 * 3) * 2)]
    [InlineData("yuv444p", 4, 2, 24)]
    [InlineData("gray16le", 4, 2, 16)]
    public void Frame_sizes(string name, int width, int height, long bytes) =>
        Assert.Equal(bytes, VideoPixelFormat.Parse(name).FrameBytes(width, height));

    [Fact]
    public void Every_listed_name_parses_back_to_itself()
    {
        foreach (var format in VideoPixelFormat.All)
            Assert.Equal(format, VideoPixelFormat.Parse(format.Name));
        Assert.Contains("gray10le", VideoPixelFormat.All.Select(f => f.Name));
        Assert.Equal(1023, VideoPixelFormat.Parse("yuv420p10le").MaxValue);
    }
}
