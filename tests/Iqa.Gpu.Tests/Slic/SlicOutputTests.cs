using Iqa.Gpu.Images;
using Iqa.Gpu.Slic;
using Iqa.Gpu.Tests.Deep;
using NetVips;

namespace Iqa.Gpu.Tests.Slic;

/// <summary>Label files (16-bit PNG, 32-bit TIFF) and the boundary overlay, the latter against scikit-image's mark_boundaries.</summary>
public sealed class SlicOutputTests : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private string File(string name) => Path.Combine(_files.Path, name);

    [Fact]
    public void LabelPngHoldsTheLabels()
    {
        var result = SlicSegmentation.Segment(SlicTestData.Image("astronaut_64x48.png"), new SlicParameters { Segments = 20 });
        string path = File("labels.png");
        SlicLabelFile.Write(result, path);
        var back = ImageDecoder.Decode(path);
        Assert.Equal((1, 16), (back.Bands, back.BitDepth));
        Assert.Equal(result.Labels, back.Words!.Select(v => (int)v).ToArray());
    }

    [Theory]
    [InlineData("labels.tiff")]
    [InlineData("labels.TIF")]
    public void LabelTiffHoldsLabelsBeyondSixteenBits(string name)
    {
        var image = new DecodedImage(300, 2, 1, new byte[600]);
        var labels = Enumerable.Range(0, 600).Select(i => 65_000 + 997 * i).ToArray();
        var result = new SlicResult(image, labels, 1, 600);
        Assert.Throws<IqaException>(() => SlicLabelFile.Write(result, File("too-many.png")));
        string path = File(name);
        SlicLabelFile.Write(result, path);
        using var back = Image.NewFromFile(path);
        Assert.Equal((Enums.BandFormat.Int, 1, 300, 2), (back.Format, back.Bands, back.Width, back.Height));
        Assert.Equal(labels, back.WriteToMemory<int>());
    }

    [Fact]
    public void BadDestinationsAreOneClearError()
    {
        var image = SlicTestData.Image("astronaut_64x48.png");
        var result = SlicSegmentation.Segment(image, new SlicParameters { Segments = 20 });
        Assert.Contains(".png", Assert.Throws<IqaException>(() => SlicLabelFile.Write(result, File("labels.jpg"))).Message);
        string missing = Path.Combine(_files.Path, "no-such-folder", "labels.png");
        Assert.StartsWith(missing + ": cannot write image", Assert.Throws<IqaException>(() => SlicLabelFile.Write(result, missing)).Message);
        Assert.Throws<IqaException>(() => SlicBoundaries.WriteOverlay(image, result, File("overlay.tiff")));
        var other = SlicTestData.Image("astronaut_37x53.png");
        Assert.Contains("differ in size", Assert.Throws<IqaException>(() => SlicBoundaries.WriteOverlay(other, result, File("o.png"))).Message);
    }

    /// <summary>Cases of TestData/slic with an overlay_*.png: start label 1 and 0 (label 0 is mark_boundaries' background), gray, 16-bit.</summary>
    public static TheoryData<int> OverlayCases { get; } = new(Enumerable.Range(0, SlicTestData.Manifest.GetProperty("cases").GetArrayLength())
        .Where(i => SlicTestData.Manifest.GetProperty("cases")[i].TryGetProperty("overlay", out _)));

    [Theory]
    [MemberData(nameof(OverlayCases))]
    public void OverlayEqualsMarkBoundaries(int index)
    {
        var c = SlicTestData.Manifest.GetProperty("cases")[index];
        var image = SlicTestData.Image(c.GetProperty("image").GetString()!);
        var result = SlicSegmentation.Segment(image, SlicSmallCaseTests.Parameters(c));
        string path = File($"overlay{index}.png");
        SlicBoundaries.WriteOverlay(image, result, path);
        var ours = ImageDecoder.Decode(path);
        var theirs = SlicTestData.Image(c.GetProperty("overlay").GetString()!);
        Assert.Equal((theirs.Bands, theirs.BitDepth), (ours.Bands, ours.BitDepth));
        if (theirs.BitDepth == 8)
            Assert.Equal(theirs.Bytes, ours.Bytes);
        else
            Assert.Equal(theirs.Words, ours.Words);
    }
}
