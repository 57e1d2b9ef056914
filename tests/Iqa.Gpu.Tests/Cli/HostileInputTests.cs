using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Iqa.Gpu.Tests.Images;
using Iqa.Gpu.Tests.Video;
using Iqa.Gpu.Video;

namespace Iqa.Gpu.Tests.Cli;

/// <summary>
/// Regressions from a campaign of hostile inputs through <c>score</c>, <c>batch</c>, <c>video</c> and
/// <c>niqe-fit</c>: each case crashed, leaked native warnings, looped, or said the wrong thing.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly TempDirectory _images = new();

    /// <summary>A colour count of -1 (OverflowException) and a header size of 0x7FFFFFF0 (IndexOutOfRangeException) crashed the BMP reader.</summary>
    [Theory]
    [InlineData(ImageBytes.BmpColoursUsedOffset, new byte[] { 0xff, 0xff, 0xff, 0xff })]
    [InlineData(ImageBytes.BmpHeaderSizeOffset, new byte[] { 0xf0, 0xff, 0xff, 0x7f })]
    public void CorruptBmpHeaderFailsCleanlyInScoreAndBatch(int offset, byte[] field)
    {
        var gray = TestImages.Pattern(32, 32, 1, seed: 1);
        var good = ImageBytes.BmpPalette8(32, 32, gray, ImageBytes.GrayPalette);
        var bad = (byte[])good.Clone();
        field.CopyTo(bad, offset);
        string refDir = Directory.CreateDirectory(_images.File("ref")).FullName, distDir = Directory.CreateDirectory(_images.File("dist")).FullName;
        string reference = Path.Combine(refDir, "a.bmp"), distorted = Path.Combine(distDir, "a.bmp");
        File.WriteAllBytes(reference, good);
        File.WriteAllBytes(distorted, bad);

        CliAssert.CleanFailure(CliRunner.Run("score", reference, distorted, "-a", "cpu"), distorted, "cannot decode BMP image");
        Assert.Equal(2, CliRunner.Run("score", reference, distorted, "-a", "cpu").ExitCode);

        string output = _images.File("out.jsonl");
        var batch = CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", output, "-a", "cpu", "-q");
        Assert.Equal(3, batch.ExitCode);
        string error = Assert.Single(Batch.BatchOutput.Rows(output)).GetProperty("error").GetString()!;
        Assert.Contains("cannot decode BMP image", error);
        Assert.DoesNotContain("internal error", error);
    }

    /// <summary>The clean-up of the temporary model file threw inside the catch when the output folder is missing.</summary>
    [Fact]
    public void NiqeFitIntoAMissingFolderFailsCleanly()
    {
        string pristine = Directory.CreateDirectory(_images.File("pristine")).FullName;
        File.Copy(TestPaths.RefData("synthetic", "astronaut_ref.png"), Path.Combine(pristine, "astronaut_ref.png"));
        string model = _images.File(Path.Combine("missing-dir", "m.json"));
        var r = CliRunner.Run("niqe-fit", "--pristine", pristine, "--out", model);
        CliAssert.CleanFailure(r, model, "cannot write the model");
        Assert.Equal(2, r.ExitCode);
    }

    /// <summary>A symbolic link to "." made the folder walk endless (41 rows for one pair, 1,205 bogus rows for 25).</summary>
    [Theory]
    [InlineData(true, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void BatchDoesNotFollowFolderSymlinks(bool refLoop, bool distLoop)
    {
        string refDir = Directory.CreateDirectory(_images.File("ref")).FullName, distDir = Directory.CreateDirectory(_images.File("dist")).FullName;
        for (int i = 0; i < 3; i++)
        {
            _images.WritePng(Path.Combine("ref", $"{i}.png"), TestImages.Pattern(32, 32, 1, seed: i), 32, 32, 1);
            _images.WritePng(Path.Combine("dist", $"{i}.png"), TestImages.Pattern(32, 32, 1, seed: i + 10), 32, 32, 1);
        }
        if (refLoop)
            Directory.CreateSymbolicLink(Path.Combine(refDir, "loop"), ".");
        if (distLoop)
            Directory.CreateSymbolicLink(Path.Combine(distDir, "loop"), ".");
        string output = _images.File("out.jsonl");
        var r = CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", output, "-a", "cpu", "-q");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(3, Batch.BatchOutput.Rows(output).Count);
    }

    /// <summary>
    /// libvips' warnings went from native code straight to file descriptor 2, two to eight lines besides the error
    /// line: a child process shows what a user's terminal gets.
    /// </summary>
    [Theory]
    [InlineData("truncated.png")]
    [InlineData("truncated.jpg")]
    [InlineData("bad-idat.png")]
    [InlineData("zero-width.png")]
    [InlineData("header-only.png")]
    public void LibvipsWarningsStayOffStderr(string name)
    {
        string good = _images.WritePng("good.png", TestImages.Pattern(64, 48, 3, seed: 1), 64, 48, 3);
        string bad = _images.Write(name, Broken(name, File.ReadAllBytes(good)));
        var r = CliRunner.RunProcess("score", good, bad, "-a", "cpu");
        Assert.Equal(2, r.ExitCode);
        Assert.DoesNotContain("VIPS", r.Error);
        CliAssert.CleanFailure(r, bad, "cannot decode");
    }

    private byte[] Broken(string name, byte[] png)
    {
        var chunks = PngChunks.Read(png);
        var ihdr = chunks[0];
        var idat = chunks.First(c => c.Type == "IDAT");
        switch (name)
        {
            case "truncated.png":
                return png[..(png.Length / 2)];
            case "truncated.jpg":
                string jpeg = _images.WritePng("good.jpg", TestImages.Pattern(64, 48, 3, seed: 1), 64, 48, 3);
                var bytes = File.ReadAllBytes(jpeg);
                return bytes[..(bytes.Length / 2)];
            case "bad-idat.png":
                png[idat.DataOffset + 10] ^= 0xff;
                return png;
            case "zero-width.png":
                BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(ihdr.DataOffset), 0);
                PngChunks.FixCrc(png, ihdr);
                return png;
            default: // a 16000x16000 header, then the end: no pixel data at all
                BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(ihdr.DataOffset), 16000);
                BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(ihdr.DataOffset + 4), 16000);
                PngChunks.FixCrc(png, ihdr);
                return [.. png[..ihdr.End], .. PngChunks.Make("IEND", [])];
        }
    }

    /// <summary>
    /// PGM files were listed as images but did not decode; an animated GIF scored its first frame in <c>score</c>
    /// and was skipped by <c>batch</c>. Now both commands take PGM and GIF, and refuse animations alike.
    /// </summary>
    [Fact]
    public void PgmAndGifAreScoredAndAnimationsRefusedAlike()
    {
        string refDir = Directory.CreateDirectory(_images.File("ref")).FullName, distDir = Directory.CreateDirectory(_images.File("dist")).FullName;
        var gray = TestImages.Pattern(32, 24, 1, seed: 2);
        foreach (var dir in new[] { "ref", "dist" })
        {
            _images.Write(Path.Combine(dir, "a.pgm"), ImageBytes.Pnm(32, 24, 1, [.. gray.Select(b => (ushort)b)], 255));
            _images.WritePng(Path.Combine(dir, "still.gif"), TestImages.Pattern(32, 24, 3, seed: 3), 32, 24, 3);
            WriteAnimatedGif(Path.Combine(dir, "moving.gif"), frames: 3);
        }
        var score = CliRunner.Run("score", Path.Combine(refDir, "moving.gif"), Path.Combine(distDir, "moving.gif"), "-a", "cpu");
        CliAssert.CleanFailure(score, "holds 3 frames", "ffmpeg", "iqa video");
        Assert.Equal(2, score.ExitCode);

        string output = _images.File("out.jsonl");
        var batch = CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", output, "-a", "cpu", "-q");
        Assert.Equal(3, batch.ExitCode);
        var rows = Batch.BatchOutput.Rows(output)
            .ToDictionary(row => Path.GetFileName(row.GetProperty("dist").GetString()!));
        Assert.Equal(["a.pgm", "moving.gif", "still.gif"], rows.Keys.Order());
        Assert.Equal(double.PositiveInfinity, VideoCli.Number(rows["a.pgm"].GetProperty("scores").GetProperty("psnr")));
        Assert.True(rows["still.gif"].TryGetProperty("scores", out _));
        static string Reason(string message) => message[(message.IndexOf("moving.gif: ", StringComparison.Ordinal) + 12)..].Trim();
        Assert.Equal(Reason(score.Error), Reason(rows["moving.gif"].GetProperty("error").GetString()!));
    }

    private void WriteAnimatedGif(string name, int frames)
    {
        // libvips writes the pages of a tall image (page-height) as the frames of a GIF.
        using var strip = NetVips.Image.NewFromMemory(TestImages.Pattern(32, 24 * frames, 3, seed: 4), 32, 24 * frames, 3, NetVips.Enums.BandFormat.Uchar);
        using var paged = strip.Mutate(m => m.Set(NetVips.GValue.GIntType, "page-height", 24));
        paged.WriteToFile(_images.File(name));
    }

    /// <summary>An empty dist folder, a --pattern matching nothing and a header-only pair list all exited 0.</summary>
    [Fact]
    public void EmptyWorkIsAnError()
    {
        string refDir = Directory.CreateDirectory(_images.File("ref")).FullName, distDir = Directory.CreateDirectory(_images.File("dist")).FullName;
        _images.WritePng(Path.Combine("ref", "I01.png"), TestImages.Pattern(32, 32, 1, seed: 1), 32, 32, 1);
        var empty = CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "-a", "cpu");
        CliAssert.CleanFailure(empty, distDir, "no images to score");
        Assert.Equal(2, empty.ExitCode);

        _images.WritePng(Path.Combine("dist", "J01_1.png"), TestImages.Pattern(32, 32, 1, seed: 2), 32, 32, 1);
        var unmatched = CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--pattern", "{stem}_*", "-a", "cpu");
        CliAssert.CleanFailure(unmatched, "no image matches --pattern '{stem}_*'");
        Assert.Equal(2, unmatched.ExitCode);

        string pairs = _images.Write("pairs.csv", "ref,dist\n\n"u8.ToArray());
        var headerOnly = CliRunner.Run("batch", "--pairs", pairs, "-a", "cpu");
        CliAssert.CleanFailure(headerOnly, pairs, "no pairs listed");
        Assert.Equal(2, headerOnly.ExitCode);
    }

    /// <summary>A Y4M header's escape sequences reached the terminal raw.</summary>
    [Fact]
    public void Y4mHeaderControlCharactersAreEscaped()
    {
        var clip = TestClip.Random(16, 16, VideoPixelFormat.Parse("yuv420p"), frames: 1);
        string good = _images.Write("good.y4m", clip.ToY4m());
        string bad = _images.Write("bad.y4m", clip.ToY4m("W16\u001b[2J\u001b[31m H16 F25:1\r C420jpeg"));
        var r = VideoCli.Run("--ref", good, "--dist", bad);
        CliAssert.CleanFailure(r, bad, @"width '16\x1b[2J\x1b[31m' is not a positive integer");
        Assert.DoesNotContain('\u001b', r.Error);
        Assert.DoesNotContain('\r', r.Error);
    }

    [Fact]
    public void VideoFromAFolderSaysItIsAFolder()
    {
        var clip = TestClip.Random(16, 16, VideoPixelFormat.Parse("yuv420p"), frames: 1);
        string good = _images.Write("good.y4m", clip.ToY4m());
        foreach (var folder in new[] { "frames", "clip.y4m" })
        {
            string dir = Directory.CreateDirectory(_images.File(folder)).FullName;
            CliAssert.CleanFailure(VideoCli.Run("--ref", good, "--dist", dir), dir, "is a directory");
        }
    }

    /// <summary>Fields after a "ref, dist" header kept their spaces, and an empty field named the list's own folder.</summary>
    [Fact]
    public void PairListFieldsAreTrimmedAndEmptyOnesRefused()
    {
        _images.WritePng("a.png", TestImages.Pattern(32, 32, 1, seed: 1), 32, 32, 1);
        _images.WritePng("b.png", TestImages.Pattern(32, 32, 1, seed: 2), 32, 32, 1);
        string pairs = _images.Write("pairs.csv", Encoding.ASCII.GetBytes("ref, dist\n a.png , b.png\n"));
        var r = CliRunner.Run("batch", "--pairs", pairs, "-a", "cpu", "-q");
        Assert.Equal(0, r.ExitCode);
        Assert.True(Assert.Single(Batch.BatchOutput.RowsIn(r.Output)).TryGetProperty("scores", out _), r.Output);

        string holes = _images.Write("holes.csv", Encoding.ASCII.GetBytes("ref, dist\na.png, b.png\na.png, \n"));
        CliAssert.CleanFailure(CliRunner.Run("batch", "--pairs", holes, "-a", "cpu"), $"{holes}:3: empty 'dist' field");
    }

    public void Dispose() => _images.Dispose();
}
