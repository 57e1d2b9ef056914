namespace Iqa.Gpu.Tests.Cli;

/// <summary>
/// Every expected failure: one line on stderr naming the input and the problem, a non-zero exit,
/// nothing on stdout, no stack trace.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempDirectory _images = new();
    private readonly string _good;

    public BadInputTests()
    {
        _good = _images.WritePng("good.png", TestImages.Pattern(64, 48, 3, seed: 1), 64, 48, 3);
    }

    [Fact]
    public void MissingFile()
    {
        string missing = _images.File("nope.png");
        CliAssert.CleanFailure(CliRunner.Run("score", _good, missing), missing, "not found");
    }

    [Fact]
    public void DirectoryInsteadOfFile() =>
        CliAssert.CleanFailure(CliRunner.Run("score", _images.Path, _good), _images.Path, "directory");

    [Fact]
    public void UndecodableFile()
    {
        string text = _images.File("text.png");
        File.WriteAllText(text, "this is not an image");
        CliAssert.CleanFailure(CliRunner.Run("score", _good, text), text, "cannot decode");
    }

    [Fact]
    public void TruncatedPng()
    {
        var bytes = File.ReadAllBytes(_good);
        string cut = _images.File("cut.png");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        CliAssert.CleanFailure(CliRunner.Run("score", _good, cut), cut, "cannot decode");
    }

    [Fact]
    public void TruncatedBmp()
    {
        var bytes = File.ReadAllBytes(TestPaths.RefData("pyiqa_calibra", "ref_dir", "I03.bmp"));
        string cut = _images.File("cut.bmp");
        File.WriteAllBytes(cut, bytes[..(bytes.Length - 1000)]);
        CliAssert.CleanFailure(CliRunner.Run("score", cut, cut), cut, "truncated");
    }

    [Fact]
    public void SizeMismatch()
    {
        string other = _images.WritePng("other.png", TestImages.Pattern(60, 48, 3, seed: 2), 60, 48, 3);
        CliAssert.CleanFailure(CliRunner.Run("score", _good, other), other, "60x48", "64x48");
    }

    [Fact]
    public void SmallerThanTheWindowAfterDownsampling()
    {
        string small = _images.WritePng("small.png", TestImages.Pattern(20, 20, 1, seed: 3), 20, 20, 1);
        CliAssert.CleanFailure(CliRunner.Run("score", small, small, "--downsample", "2"), small, "10x10", "11x11");
    }

    [Fact]
    public void DownsamplingFactorLargerThanTheImage() =>
        CliAssert.CleanFailure(CliRunner.Run("score", _good, _good, "--downsample", "100", "-a", "cpu"), _good, "after downsampling by 100");

    [Fact]
    public void GrayAgainstRgbInYMode()
    {
        string gray = _images.WritePng("gray.png", TestImages.Pattern(64, 48, 1, seed: 1), 64, 48, 1);
        CliAssert.CleanFailure(CliRunner.Run("score", _good, gray, "--color", "y"), gray, "--color y needs both alike");
        Assert.Equal(0, CliRunner.Run("score", _good, gray, "--color", "gray").ExitCode);
    }

    [Fact]
    public void ThirtyTwoBitTiffIsRefused()
    {
        string tiff = _images.File("int32.tif");
        using (var image = NetVips.Image.NewFromMemory(new int[64 * 48], 64, 48, 1, NetVips.Enums.BandFormat.Int))
            image.WriteToFile(tiff);
        CliAssert.CleanFailure(CliRunner.Run("score", tiff, tiff), tiff, "not supported");
    }

    [Fact]
    public void PixelLimit() =>
        CliAssert.CleanFailure(CliRunner.Run("score", _good, _good, "--max-pixels", "1000"), _good, "exceeds the limit");

    [Fact]
    public void UnknownMetric() => CliAssert.CleanFailure(CliRunner.Run("score", _good, _good, "--metric", "vmaf"), "unknown metric 'vmaf'");

    [Fact]
    public void UnknownProfile() => CliAssert.CleanFailure(CliRunner.Run("score", _good, _good, "--profile", "octave"), "unknown profile 'octave'");

    [Fact]
    public void UnknownAccelerator() => CliAssert.CleanFailure(CliRunner.Run("score", _good, _good, "-a", "tpu"), "unknown accelerator 'tpu'");

    [Fact]
    public void UnknownColourMode() => CliAssert.CleanFailure(CliRunner.Run("score", _good, _good, "--color", "lab"), "unknown colour mode 'lab'");

    [NoCudaFact]
    public void UnusableDevice() => CliAssert.CleanFailure(CliRunner.Run("score", _good, _good, "-a", "cuda"), "cuda");

    /// <summary>
    /// PoCL (installed by .ci/run) exposes a CPU OpenCL device without the generic address space ILGPU needs:
    /// it is listed as refused with the reason, and selecting it fails cleanly naming the device.
    /// </summary>
    [RefusedOpenClFact]
    public void RefusedOpenClDeviceIsListedAndExplained()
    {
        var refused = RefusedOpenClFactAttribute.Refused;
        Assert.All(refused, d => Assert.Contains("generic address space", d.Reason));
        if (!Backends.Names.Contains("opencl")) // with a usable OpenCL device too, 'opencl' selects that one
            CliAssert.CleanFailure(CliRunner.Run("score", _good, _good, "-a", "opencl"), refused[0].Name, "generic address space");
        var listed = CliRunner.Run("devices").Output;
        Assert.Contains(listed.Split('\n'), line => line.StartsWith("opencl:0 ") && line.Contains(refused[0].Name) && line.Contains(" no "));
    }

    public void Dispose() => _images.Dispose();
}
