using Iqa.Gpu.Images;
using Iqa.Gpu.Video;

namespace Iqa.Gpu.Tests.Images;

/// <summary>
/// Planes read a row at a time (what the cpu device computes on) against the same planes stored whole: every value the
/// same bit for bit, for every colour mode, bit depth and band layout, and the integer samples where a plane has them.
/// </summary>
public sealed class PlaneRowsTests
{
    public static TheoryData<int, int, ColorMode> Layouts()
    {
        var data = new TheoryData<int, int, ColorMode>();
        foreach (int bits in new[] { 8, 10, 16 })
            foreach (int bands in new[] { 1, 2, 3, 4 })
                foreach (var mode in new[] { ColorMode.Gray, ColorMode.Luma, ColorMode.Y, ColorMode.Rgb })
                    data.Add(bits, bands, mode);
        return data;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void RowsAreTheStoredPlanesBitForBit(int bits, int bands, ColorMode mode)
    {
        var image = Image(37, 23, bands, bits);
        double scale = 1.0 / image.MaxValue, offset = -0.5;
        var planes = image.ToPlanes(mode, scale, offset);
        var rows = image.Rows(mode, scale, offset);
        Assert.Equal(planes.Length, rows.Length);
        var row = new float[image.Width];
        for (int p = 0; p < planes.Length; p++)
        {
            using var reader = rows[p];
            for (int y = 0; y < image.Height; y++)
            {
                reader.Read(y, row);
                Assert.Equal(planes[p].Row(y).ToArray(), row);
            }
        }
    }

    /// <summary>Channels, gray and luma are integer samples normalized once; y (unrounded) exists only as floats.</summary>
    [Theory]
    [MemberData(nameof(Layouts))]
    public void IntegerPlanesExposeTheirSamples(int bits, int bands, ColorMode mode)
    {
        var image = Image(19, 7, bands, bits);
        var rows = image.Rows(mode, 1.0 / image.MaxValue, -0.5);
        bool converted = bands >= 3 && mode != ColorMode.Rgb;
        foreach (var reader in rows)
            using (reader)
            {
                Assert.Equal(converted && mode == ColorMode.Y ? 0 : bits, reader.SampleBits);
                if (reader.SampleBits == 0)
                    continue;
                var floats = new float[image.Width];
                for (int y = 0; y < image.Height; y++)
                {
                    int[] samples = bits == 8
                        ? [.. reader.Bytes(y, new byte[image.Width]).ToArray().Select(v => (int)v)]
                        : [.. reader.Words(y, new ushort[image.Width]).ToArray().Select(v => (int)v)];
                    reader.Read(y, floats);
                    Assert.Equal(floats, samples.Select(v => (float)(v * reader.Scale + reader.Offset)));
                }
            }
    }

    [Fact]
    public void VideoPlaneRowsAreItsSamples()
    {
        var frame = new VideoFrame();
        var clip = Video.TestClip.Random(21, 9, VideoPixelFormat.Parse("yuv420p10le"), frames: 1, seed: 3);
        using (var stream = new MemoryStream(clip.ToY4m()))
        using (var reader = Y4mReader.FromStream(stream, "clip.y4m"))
            Assert.True(reader.ReadFrame(frame));
        var plane = frame.Planes[1];
        using var rows = plane.Rows(ColorMode.Gray, 1 / 1023.0, -0.5)[0];
        var stored = plane.ToPlanes(ColorMode.Gray, 1 / 1023.0, -0.5)[0];
        var row = new float[plane.Width];
        for (int y = 0; y < plane.Height; y++)
        {
            Assert.Equal(plane.Words.AsSpan(y * plane.Width, plane.Width).ToArray(), rows.Words(y, new ushort[plane.Width]).ToArray());
            rows.Read(y, row);
            Assert.Equal(stored.Row(y).ToArray(), row);
        }
    }

    private static DecodedImage Image(int w, int h, int bands, int bits)
    {
        var rng = new Random(w * 31 + bands * 7 + bits);
        if (bits == 8)
            return new DecodedImage(w, h, bands, TestImages.Pattern(w, h, bands, seed: bits + bands));
        var words = new ushort[w * h * bands];
        for (int i = 0; i < words.Length; i++)
            words[i] = (ushort)rng.Next(1 << bits);
        return new DecodedImage(w, h, bands, words, bits);
    }
}
