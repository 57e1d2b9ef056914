using System.Text;
using Iqa.Gpu.Video;

namespace Iqa.Gpu.Tests.Video;

public class Y4mReaderTests
{
    private static Y4mReader Read(byte[] bytes, string name = "clip.y4m") => Y4mReader.FromStream(new MemoryStream(bytes), name);

    [Theory]
    [InlineData("yuv420p", 16, 8)]
    [InlineData("yuv420p", 7, 5)] // odd sizes: chroma rounds up
    [InlineData("yuv422p", 9, 4)]
    [InlineData("yuv444p", 6, 3)]
    [InlineData("gray", 5, 7)]
    [InlineData("yuv420p10le", 11, 6)]
    [InlineData("yuv422p12le", 8, 4)]
    [InlineData("yuv444p16le", 4, 4)]
    [InlineData("gray12le", 6, 5)]
    [InlineData("yuv420p9le", 6, 6)]
    [InlineData("yuv420p14le", 6, 6)]
    public void Reads_every_layout_sample_exact(string pixelFormat, int width, int height)
    {
        var clip = TestClip.Random(width, height, VideoPixelFormat.Parse(pixelFormat), frames: 3);
        using var reader = Read(clip.ToY4m());
        Assert.Equal(clip.Format, reader.Info.Format);
        Assert.Equal((width, height), (reader.Info.Width, reader.Info.Height));
        clip.AssertReadBy(reader);
    }

    /// <summary>
    /// Reading the luma plane alone (video scored on Y) skips the chroma planes, sought past in a file and read past in a
    /// pipe: the same luma, the same frame count, and a frame cut short inside its chroma still reported as truncated.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reading_luma_alone_skips_the_chroma(bool seekable)
    {
        var clip = TestClip.Random(10, 6, VideoPixelFormat.Parse("yuv420p10le"), frames: 4, seed: 9);
        var y4m = clip.ToY4m();
        foreach (var (bytes, frames) in new[] { (y4m, 4), (y4m[..^7], 3) })
        {
            Stream stream = seekable ? new MemoryStream(bytes) : new PipeLike(bytes);
            using var reader = Y4mReader.FromStream(stream, "clip.y4m");
            var frame = new VideoFrame { PlanesToRead = 1 };
            for (int i = 0; i < frames; i++)
            {
                Assert.True(reader.ReadFrame(frame));
                Assert.Equal(clip.Frames[i][0], frame.Y.Words);
            }
            Assert.False(reader.ReadFrame(frame));
            Assert.Equal(frames, reader.FramesRead);
            Assert.Equal(frames < 4, reader.Truncation is not null);
        }
    }

    /// <summary>A stream that can only be read forward, as ffmpeg's pipe is.</summary>
    private sealed class PipeLike(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData("C420jpeg", "jpeg")]
    [InlineData("C420paldv", "paldv")]
    [InlineData("C420mpeg2", "mpeg2")]
    [InlineData("C420", null)]
    [InlineData("", "jpeg")] // no C tag: the format's default, 420jpeg
    public void Reads_all_420_colourspace_tags(string tag, string? siting)
    {
        var clip = TestClip.Random(6, 4, VideoPixelFormat.Parse("yuv420p"), frames: 2);
        using var reader = Read(clip.ToY4m($"W6 H4 F25:1 {tag}"));
        Assert.Equal(ChromaSubsampling.Yuv420, reader.Info.Subsampling);
        Assert.Equal(8, reader.Info.BitDepth);
        Assert.Equal(siting, reader.Info.ChromaSiting);
        clip.AssertReadBy(reader);
    }

    [Fact]
    public void Skips_frame_parameters()
    {
        var clip = TestClip.Random(4, 4, VideoPixelFormat.Parse("yuv420p"), frames: 3);
        using var reader = Read(clip.ToY4m(frameHeader: i => i == 1 ? "FRAME Ib XCOMMENT=odd" : "FRAME It"));
        clip.AssertReadBy(reader);
    }

    [Fact]
    public void Reports_header_fields_and_skips_unknown_tags()
    {
        var clip = TestClip.Random(8, 6, VideoPixelFormat.Parse("yuv420p10le"), frames: 1);
        using var reader = Read(clip.ToY4m("W8 H6 F30000:1001 It A16:15 C420p10 XYSCSS=420P10 Zfuture"));
        var info = reader.Info;
        Assert.Equal(new Rational(30000, 1001), info.FrameRate);
        Assert.Equal(Interlace.TopFieldFirst, info.Interlace);
        Assert.Equal(new Rational(16, 15), info.PixelAspect);
        Assert.Null(info.FrameCount);
        Assert.Equal("8x6 yuv420p10le, 29.97 (30000:1001) fps, interlaced, top field first, SAR 16:15", info.Describe());
        clip.AssertReadBy(reader);
    }

    [Theory]
    [InlineData("Ib", Interlace.BottomFieldFirst)]
    [InlineData("Im", Interlace.Mixed)]
    [InlineData("I?", Interlace.Unknown)]
    [InlineData("Ip", Interlace.Progressive)]
    public void Parses_interlace(string tag, Interlace expected)
    {
        using var reader = Read(Encoding.ASCII.GetBytes($"YUV4MPEG2 W2 H2 {tag} A0:0 F0:0\n"));
        Assert.Equal(expected, reader.Info.Interlace);
        Assert.Null(reader.Info.PixelAspect); // 0:0 is "unknown"
        Assert.Null(reader.Info.FrameRate);
    }

    [Theory]
    [InlineData("RIFF....WAVE", "not a YUV4MPEG2 stream")]
    [InlineData("YUV4MPEG W2 H2", "not a YUV4MPEG2 stream")]
    [InlineData("YUV4MPEG2 W2 H2 C411", "unsupported Y4M colourspace 'C411'")]
    [InlineData("YUV4MPEG2 W2 H2 C444alpha", "unsupported Y4M colourspace 'C444alpha'")]
    [InlineData("YUV4MPEG2 W2 H2 C422jpeg", "unsupported Y4M colourspace 'C422jpeg'")]
    [InlineData("YUV4MPEG2 W2 H2 C420p17", "unsupported Y4M colourspace 'C420p17'")]
    [InlineData("YUV4MPEG2 W2 F25:1", "no H (height) tag")]
    [InlineData("YUV4MPEG2 W-4 H2", "width '-4' is not a positive integer")]
    [InlineData("YUV4MPEG2 W2 H2 F25", "frame rate '25' is not a ratio")]
    [InlineData("YUV4MPEG2 W2 H2 F25:0", "frame rate '25:0' is not a ratio")]
    [InlineData("YUV4MPEG2 W2 H2 Ix", "interlace 'Ix'")]
    [InlineData("YUV4MPEG2 W100000 H100000", "exceeds the limit")]
    public void Rejects_bad_headers_naming_the_input(string header, string problem)
    {
        var e = Assert.Throws<IqaException>(() => Read(Encoding.ASCII.GetBytes(header + "\n"), "bad.y4m"));
        Assert.StartsWith("bad.y4m: ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Rejects_an_empty_input()
    {
        var e = Assert.Throws<IqaException>(() => Read([], "empty.y4m"));
        Assert.Equal("empty.y4m: empty input, not a YUV4MPEG2 stream", e.Message);
    }

    [Fact]
    public void Rejects_garbage_where_a_frame_header_belongs()
    {
        var clip = TestClip.Random(4, 2, VideoPixelFormat.Parse("gray"), frames: 1);
        byte[] bytes = [.. clip.ToY4m(), .. "GARBAGE\n"u8];
        using var reader = Read(bytes);
        var frame = new VideoFrame();
        Assert.True(reader.ReadFrame(frame));
        var e = Assert.Throws<IqaException>(() => reader.ReadFrame(frame));
        Assert.Equal("clip.y4m: frame 2: expected a FRAME header, found 'GARBAGE'", e.Message);
    }

    public static TheoryData<int, string> Cuts => new()
    {
        { 10, "10 of 24 bytes" },  // inside the samples
        { 0, "0 of 24 bytes" },    // right after "FRAME\n"
        { -3, "FRAME header cut short" }, // inside "FRAME\n"
    };

    [Theory]
    [MemberData(nameof(Cuts))]
    public void Reports_a_truncated_last_frame_and_never_returns_it(int cut, string detail)
    {
        var clip = TestClip.Random(4, 4, VideoPixelFormat.Parse("yuv420p"), frames: 3);
        byte[] whole = clip.ToY4m();
        int lastFrameStart = whole.Length - 24; // 4x4 4:2:0 is 24 bytes
        byte[] bytes = whole[..(lastFrameStart + cut)];
        using var reader = Read(bytes);
        var frame = new VideoFrame();
        Assert.True(reader.ReadFrame(frame));
        Assert.True(reader.ReadFrame(frame));
        clip.AssertFrame(1, frame);
        Assert.False(reader.ReadFrame(frame));
        Assert.Equal($"clip.y4m: last frame truncated (frame 3 of the file: {detail})", reader.Truncation);
        Assert.False(reader.ReadFrame(frame));
        Assert.Equal(2, reader.FramesRead);
    }

    [Fact]
    public void Reuses_the_frame_buffers_and_allocates_nothing_per_frame()
    {
        using var temp = new TempDirectory();
        var clip = TestClip.Random(64, 32, VideoPixelFormat.Parse("yuv420p10le"), frames: 40);
        using var reader = Y4mReader.Open(temp.Write("clip.y4m", clip.ToY4m()));
        var frame = new VideoFrame();
        Assert.True(reader.ReadFrame(frame));
        var luma = frame.Y.Words;
        long before = GC.GetAllocatedBytesForCurrentThread();
        int frames = 1;
        while (reader.ReadFrame(frame))
            frames++;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(40, frames);
        Assert.Same(luma, frame.Y.Words);
        Assert.True(allocated < 1024, $"{allocated} bytes allocated reading 39 frames");
    }

    [Fact]
    public void Opening_a_missing_file_names_it()
    {
        var e = Assert.Throws<IqaException>(() => Y4mReader.Open("/nonexistent/clip.y4m"));
        Assert.Equal("/nonexistent/clip.y4m: file not found", e.Message);
    }
}
