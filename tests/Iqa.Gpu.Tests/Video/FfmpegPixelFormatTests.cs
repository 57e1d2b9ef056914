using Iqa.Gpu.Video;

namespace Iqa.Gpu.Tests.Video;

public class FfmpegPixelFormatTests
{
    [Theory]
    [InlineData("yuv420p", 3, 1, 1, false, false, false, 8, "yuv420p")]
    [InlineData("yuv422p10le", 3, 1, 0, false, false, false, 10, "yuv422p10le")]
    [InlineData("yuv420p10be", 3, 1, 1, false, false, false, 10, "yuv420p10le")]
    [InlineData("nv12", 3, 1, 1, false, false, false, 8, "yuv420p")]
    [InlineData("p010le", 3, 1, 1, false, false, false, 10, "yuv420p10le")]
    [InlineData("yuvj420p", 3, 1, 1, false, false, false, 8, "yuvj420p")] // full range kept, not rescaled
    [InlineData("yuvj422p", 3, 1, 0, false, false, false, 8, "yuvj422p")]
    [InlineData("yuv411p", 3, 2, 0, false, false, false, 8, "yuv444p")]
    [InlineData("yuva420p", 4, 1, 1, false, false, true, 8, "yuv420p")]
    [InlineData("rgb24", 3, 0, 0, true, false, false, 8, "yuv444p")]
    [InlineData("gbrp10le", 3, 0, 0, true, false, false, 10, "yuv444p10le")]
    [InlineData("rgb48le", 3, 0, 0, true, false, false, 16, "yuv444p16le")]
    [InlineData("gray", 1, 0, 0, false, false, false, 8, "gray")]
    [InlineData("ya8", 2, 0, 0, false, false, true, 8, "gray")]
    [InlineData("gray14le", 1, 0, 0, false, false, false, 14, "gray16le")] // the Y4M muxer has no 14-bit gray
    [InlineData("yuv420p14le", 3, 1, 1, false, false, false, 14, "yuv420p14le")]
    [InlineData("x2rgb10le", 3, 0, 0, true, false, false, 10, "yuv444p10le")]
    [InlineData("pal8", 1, 0, 0, false, true, true, 8, "yuv444p")]
    [InlineData("grayf32le", 1, 0, 0, false, false, false, 32, "gray16le")]
    public void Keeps_depth_and_chroma_resolution(
        string name, int components, int log2W, int log2H, bool rgb, bool palette, bool alpha, int depth, string expected) =>
        Assert.Equal(expected, FfmpegPixelFormat.Choose(new(name, components, log2W, log2H, rgb, palette, alpha, depth)));
}
