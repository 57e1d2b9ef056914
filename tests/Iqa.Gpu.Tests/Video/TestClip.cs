using System.Text;
using Iqa.Gpu.Video;

namespace Iqa.Gpu.Tests.Video;

/// <summary>
/// Frames of random samples in a known layout, serialisable as Y4M or raw planar video, so readers can be
/// checked sample for sample against what was written.
/// </summary>
public sealed class TestClip
{
    private TestClip(int width, int height, VideoPixelFormat format, List<ushort[][]> frames)
    {
        Width = width;
        Height = height;
        Format = format;
        Frames = frames;
    }

    public int Width { get; }
    public int Height { get; }
    public VideoPixelFormat Format { get; }

    /// <summary>Per frame, per plane (Y, U, V) the samples in row-major order.</summary>
    public IReadOnlyList<ushort[][]> Frames { get; }

    public static TestClip Random(int width, int height, VideoPixelFormat format, int frames, int seed = 1)
    {
        var random = new System.Random(seed);
        var sub = format.Subsampling;
        int chroma = sub.ChromaWidth(width) * sub.ChromaHeight(height);
        int[] sizes = sub == ChromaSubsampling.Mono ? [width * height] : [width * height, chroma, chroma];
        var list = new List<ushort[][]>();
        for (int f = 0; f < frames; f++)
            list.Add([.. sizes.Select(n => Enumerable.Range(0, n).Select(_ => (ushort)random.Next(format.MaxValue + 1)).ToArray())]);
        return new TestClip(width, height, format, list);
    }

    /// <summary>The same frames with seeded uniform noise in [-amplitude, amplitude] added, clamped to the sample range.</summary>
    public TestClip WithNoise(int amplitude, int seed)
    {
        var random = new System.Random(seed);
        return Map(Format, v => Math.Clamp(v + random.Next(-amplitude, amplitude + 1), 0, Format.MaxValue));
    }

    /// <summary>Every sample times <paramref name="factor"/>, stored as <paramref name="format"/> (same chroma layout).</summary>
    public TestClip Scaled(int factor, VideoPixelFormat format) => Map(format, v => v * factor);

    /// <summary>Frames <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1.</summary>
    public TestClip Slice(int start, int count) => new(Width, Height, Format, [.. Frames.Skip(start).Take(count)]);

    /// <summary>The width and height of plane <paramref name="plane"/> (0 = Y, 1 = U, 2 = V).</summary>
    public (int Width, int Height) PlaneSize(int plane) => plane == 0
        ? (Width, Height)
        : (Format.Subsampling.ChromaWidth(Width), Format.Subsampling.ChromaHeight(Height));

    private TestClip Map(VideoPixelFormat format, Func<int, int> sample) =>
        new(Width, Height, format, [.. Frames.Select(f => f.Select(p => p.Select(v => (ushort)sample(v)).ToArray()).ToArray())]);

    /// <summary>The Y4M colourspace tag for the layout: 420, 422p10, mono12, ...</summary>
    public string ColourspaceTag
    {
        get
        {
            string sub = Format.Subsampling.Name();
            return Format.BitDepth == 8 ? sub
                : Format.Subsampling == ChromaSubsampling.Mono ? $"{sub}{Format.BitDepth}"
                : $"{sub}p{Format.BitDepth}";
        }
    }

    /// <summary>A frame's samples as stored: bytes, or 16-bit little-endian words beyond 8 bits.</summary>
    public byte[] FrameData(int index)
    {
        var bytes = new List<byte>();
        foreach (var plane in Frames[index])
            foreach (ushort sample in plane)
            {
                bytes.Add((byte)sample);
                if (Format.BitDepth > 8)
                    bytes.Add((byte)(sample >> 8));
            }
        return [.. bytes];
    }

    public byte[] ToRaw() => [.. Enumerable.Range(0, Frames.Count).SelectMany(FrameData)];

    /// <param name="tags">The header after "YUV4MPEG2 "; by default W, H, F25:1 and C for the layout.</param>
    /// <param name="frameHeader">The line before each frame's samples, by default "FRAME".</param>
    public byte[] ToY4m(string? tags = null, Func<int, string>? frameHeader = null)
    {
        var stream = new MemoryStream();
        stream.Write(Encoding.ASCII.GetBytes($"YUV4MPEG2 {tags ?? $"W{Width} H{Height} F25:1 C{ColourspaceTag}"}\n"));
        for (int f = 0; f < Frames.Count; f++)
        {
            stream.Write(Encoding.ASCII.GetBytes((frameHeader?.Invoke(f) ?? "FRAME") + "\n"));
            stream.Write(FrameData(f));
        }
        return stream.ToArray();
    }

    /// <summary>Reads every frame from <paramref name="source"/>, each equal to this clip's, then a clean end.</summary>
    public void AssertReadBy(IFrameSource source)
    {
        var frame = new VideoFrame();
        for (int i = 0; i < Frames.Count; i++)
        {
            Assert.True(source.ReadFrame(frame), $"frame {i}");
            AssertFrame(i, frame);
        }
        Assert.False(source.ReadFrame(frame));
        Assert.Null(source.Truncation);
        Assert.Equal(Frames.Count, source.FramesRead);
    }

    /// <summary>Asserts that <paramref name="frame"/> holds exactly frame <paramref name="index"/> of the clip.</summary>
    public void AssertFrame(int index, VideoFrame frame)
    {
        Assert.Equal(Width, frame.Width);
        Assert.Equal(Height, frame.Height);
        Assert.Equal(Format, frame.Format);
        var expected = Frames[index];
        Assert.Equal(expected.Length, frame.Planes.Count);
        for (int p = 0; p < expected.Length; p++)
        {
            var plane = frame.Planes[p];
            ushort[] actual = plane.Words ?? [.. plane.Bytes!.Select(b => (ushort)b)];
            Assert.Equal(expected[p], actual);
        }
    }
}
