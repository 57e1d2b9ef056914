using Iqa.Gpu.Images;
using Iqa.Gpu.Video;

namespace Iqa.Gpu.Tests.Video;

public class VideoPlaneTests
{
    /// <summary>Reads one frame of <paramref name="clip"/> through a Y4M stream.</summary>
    private static VideoFrame ReadFirstFrame(TestClip clip)
    {
        using var reader = Y4mReader.FromStream(new MemoryStream(clip.ToY4m()), "clip.y4m");
        var frame = new VideoFrame();
        Assert.True(reader.ReadFrame(frame));
        return frame;
    }

    [Theory]
    [InlineData("gray", 67, 3, 1f / 255, 0f)] // 201 samples: vector body and scalar tail
    [InlineData("yuv420p10le", 37, 5, 1f / 1023, -0.5f)]
    [InlineData("yuv444p16le", 19, 7, 1f / 65535, 0f)]
    [InlineData("yuv422p12le", 33, 2, 2f, 10f)]
    public void Writes_value_times_scale_plus_offset(string pixelFormat, int width, int height, float scale, float offset)
    {
        var clip = TestClip.Random(width, height, VideoPixelFormat.Parse(pixelFormat), frames: 1, seed: width);
        var frame = ReadFirstFrame(clip);
        for (int p = 0; p < frame.Planes.Count; p++)
        {
            var source = frame.Planes[p];
            var plane = new Plane(source.Width, source.Height);
            source.WriteTo(plane, scale, offset);
            float[] expected = [.. clip.Frames[0][p].Select(v => MathF.FusedMultiplyAdd(v, scale, offset))];
            Assert.Equal(expected, plane.Data);
        }
    }

    [Fact]
    public void Converts_every_8_bit_value_exactly()
    {
        var values = Enumerable.Range(0, 256).Select(v => (ushort)v).ToArray();
        var clip = TestClip.Random(256, 1, VideoPixelFormat.Parse("gray"), frames: 1);
        values.CopyTo(clip.Frames[0][0], 0);
        var plane = new Plane(256, 1);
        ReadFirstFrame(clip).Y.WriteTo(plane);
        Assert.Equal(values.Select(v => (float)v), plane.Data);
    }

    [Fact]
    public void Rejects_a_destination_of_another_size()
    {
        var frame = ReadFirstFrame(TestClip.Random(4, 4, VideoPixelFormat.Parse("yuv420p"), frames: 1));
        Assert.Throws<ArgumentException>(() => frame.U!.WriteTo(new Plane(4, 4)));
    }
}
