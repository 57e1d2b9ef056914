using Iqa.Gpu.Images;
using Iqa.Gpu.Tests.Video;

namespace Iqa.Gpu.Tests.Cli;

/// <summary><c>iqa synth</c> (hidden): the inputs it writes are what the other commands read, and bad counts are refused.</summary>
public sealed class SynthCommandTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public void Writes_a_y4m_pair_and_png_pairs_the_commands_read()
    {
        var result = CliRunner.Run("synth", "--out", _folder.Path, "--size", "65x47", "--frames", "3", "--pairs", "2");
        Assert.Equal(0, result.ExitCode);
        // 8-bit 4:2:0 with odd sizes: chroma planes of 33x24.
        long frame = "FRAME\n".Length + 65 * 47 + 2 * 33 * 24;
        long header = "YUV4MPEG2 W65 H47 F25:1 Ip A1:1 C420jpeg\n".Length;
        Assert.Equal(header + 3 * frame, new FileInfo(_folder.File("ref.y4m")).Length);
        Assert.Equal(header + 3 * frame, new FileInfo(_folder.File("dist.y4m")).Length);
        foreach (string side in new[] { "ref", "dist" })
            foreach (string name in new[] { "000000.png", "000001.png" })
            {
                var image = ImageDecoder.Decode(Path.Combine(_folder.Path, "pairs", side, name));
                Assert.Equal((65, 47, 3), (image.Width, image.Height, image.Bands));
            }
        var video = CliRunner.Run("video", "--ref", _folder.File("ref.y4m"), "--dist", _folder.File("dist.y4m"), "-a", "cpu", "--quiet", "--format", "csv");
        Assert.Equal(0, video.ExitCode);
        // Distinct content: the distorted copies differ from their references, and pairs differ from each other.
        var scores = CliRunner.Run("score", Path.Combine(_folder.Path, "pairs", "ref", "000000.png"), Path.Combine(_folder.Path, "pairs", "dist", "000000.png"), "-m", "psnr", "--format", "csv");
        Assert.DoesNotContain(",inf,", scores.Output);
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(_folder.Path, "pairs", "ref", "000000.png")), File.ReadAllBytes(Path.Combine(_folder.Path, "pairs", "ref", "000001.png")));
    }

    [Theory]
    [InlineData("--frames", "0")]
    [InlineData("--pairs", "-1")]
    public void Refuses_counts_that_write_nothing(string option, string value)
    {
        var result = CliRunner.Run("synth", "--out", _folder.Path, option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("iqa: --frames and --pairs are counts, at least one of them above 0", result.Error.TrimEnd());
    }

    [Fact]
    public void Is_not_listed_in_the_help()
    {
        var result = CliRunner.Run("--help");
        Assert.DoesNotContain("synth", result.Output);
        Assert.Contains("devices", result.Output);
    }

    public void Dispose() => _folder.Dispose();
}
