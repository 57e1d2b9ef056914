using System.Diagnostics;
using System.Runtime.Versioning;
using Iqa.Gpu.Video;

namespace Iqa.Gpu.Tests.Video;

/// <summary>
/// The process plumbing around ffmpeg, driven by stand-in shell scripts that misbehave on purpose:
/// failing part-way, flooding stderr, never finishing.
/// </summary>
[UnsupportedOSPlatform("windows")] // the stand-ins are shell scripts
public class FfmpegProcessTests : IDisposable
{
    private const string Probe = """
        #!/bin/sh
        echo '{"streams":[{"pix_fmt":"yuv420p"}],"pixel_formats":[{"name":"yuv420p","nb_components":3,"log2_chroma_w":1,"log2_chroma_h":1,"flags":{"rgb":0,"alpha":0},"components":[{"bit_depth":8}]}]}'
        """;

    // A 2x2 4:2:0 stream header and one 6-byte frame.
    private const string HeaderAndFrame = @"printf 'YUV4MPEG2 W2 H2 F25:1 C420\nFRAME\n\001\002\003\004\005\006'";

    private readonly TempDirectory _temp = new();
    private readonly string _input;
    private readonly string _ffprobe;

    public FfmpegProcessTests()
    {
        _input = _temp.Write("clip.mkv", [0]);
        _ffprobe = Script("ffprobe", Probe);
    }

    public void Dispose() => _temp.Dispose();

    private string Script(string name, string body)
    {
        string path = _temp.Write(name, System.Text.Encoding.ASCII.GetBytes(body.StartsWith("#!") ? body : "#!/bin/sh\n" + body + "\n"));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private FfmpegFrameSource Open(string ffmpegBody) =>
        FfmpegFrameSource.Open(_input, 1 << 28, Script("ffmpeg", ffmpegBody), _ffprobe);

    [Fact]
    public void Reads_frames_from_the_pipe()
    {
        using var source = Open(HeaderAndFrame);
        var frame = new VideoFrame();
        Assert.True(source.ReadFrame(frame));
        Assert.Equal([1, 2, 3, 4], frame.Y.Bytes!);
        Assert.Equal([5], frame.U!.Bytes!);
        Assert.False(source.ReadFrame(frame));
        Assert.Null(source.Truncation);
    }

    [Fact]
    public void A_failure_before_any_output_reports_the_tail_of_stderr()
    {
        var e = Assert.Throws<IqaException>(() => Open("for i in 1 2 3 4 5 6; do echo \"line $i\" >&2; done; exit 1"));
        Assert.Equal($"ffmpeg cannot read {_input} (exit code 1): line 3 | line 4 | line 5 | line 6", e.Message);
    }

    [Fact]
    public void A_failure_part_way_is_an_error_not_a_truncated_frame()
    {
        using var source = Open(HeaderAndFrame + @"; printf 'FRAME\n\001\002'; echo 'decode error' >&2; exit 3");
        var frame = new VideoFrame();
        Assert.True(source.ReadFrame(frame));
        var e = Assert.Throws<IqaException>(() => source.ReadFrame(frame));
        Assert.Equal($"ffmpeg cannot read {_input} (exit code 3): decode error", e.Message);
    }

    [Fact]
    public async Task A_flood_on_stderr_does_not_block_the_frames()
    {
        // Far more than a pipe holds: only a concurrently drained stderr lets the script reach its output.
        var read = Task.Run(() =>
        {
            using var source = Open("head -c 4000000 /dev/zero | tr '\\0' 'x' >&2; " + HeaderAndFrame);
            return source.ReadFrame(new VideoFrame()) && !source.ReadFrame(new VideoFrame());
        });
        Assert.True(await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(30))) == read, "blocked on a full stderr pipe");
        Assert.True(await read);
    }

    [Fact]
    public void A_header_the_reader_refuses_is_reported_as_such_and_stops_ffmpeg()
    {
        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<IqaException>(() => Open(@"printf 'YUV4MPEG2 W100000 H100000 C420\n'; sleep 60"));
        Assert.Equal($"{_input}: 100000x100000 = 10000000000 pixels exceeds the limit of 268435456", e.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Disposing_kills_a_tool_that_never_finishes()
    {
        var watch = Stopwatch.StartNew();
        using (var source = Open(HeaderAndFrame + "; sleep 60"))
            Assert.True(source.ReadFrame(new VideoFrame()));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }
}
