using System.Text.Json;
using Iqa.Gpu.Images;
using Iqa.Gpu.Slic;

namespace Iqa.Gpu.Tests.Slic;

/// <summary>
/// Small images segmented by scikit-image itself (TestData/slic/make_slic_cases.py): RGB, gray, 16-bit, odd sizes,
/// a 3-pixel-high strip, more segments than pixels, a constant image, start_label 0, other compactness, iteration
/// and size-factor values, connectivity off. Every label must be equal, on the production and the scalar path.
/// </summary>
public sealed class SlicSmallCaseTests
{
    public static TheoryData<int> Cases { get; } = new(Enumerable.Range(0, SlicTestData.Manifest.GetProperty("cases").GetArrayLength()));

    [Theory]
    [MemberData(nameof(Cases))]
    public void LabelsEqualScikitImage(int index)
    {
        var c = SlicTestData.Manifest.GetProperty("cases")[index];
        var image = SlicTestData.Image(c.GetProperty("image").GetString()!);
        var p = Parameters(c);
        var expected = SlicTestData.Npy<int>(c.GetProperty("labels").GetString()!);
        var production = SlicSegmentation.Segment(image, p);
        Assert.Equal(expected, production.Labels);
        Assert.Equal(c.GetProperty("n_labels").GetInt32(), production.LabelCount);
        Assert.Equal(expected, SlicSegmentation.SegmentReference(image, p).Labels);
    }

    [Fact]
    public void SixteenBitSamplesOfEightBitValuesSegmentLikeTheEightBitImage()
    {
        // 257 v / 65535 and v / 255 differ in the last bit for some v (img_as_float multiplies by the reciprocal), so
        // this is not exact by construction; scikit-image gives identical maps for this crop too (checked with it).
        var eight = SlicTestData.Image("astronaut_64x48.png");
        var sixteen = new DecodedImage(eight.Width, eight.Height, eight.Bands, eight.Bytes!.Select(v => (ushort)(v * 257)).ToArray());
        foreach (int k in new[] { 7, 20, 50, 100 })
        {
            var p = new SlicParameters { Segments = k };
            Assert.Equal(SlicSegmentation.Segment(eight, p).Labels, SlicSegmentation.Segment(sixteen, p).Labels);
        }
    }

    [Fact]
    public void AlphaIsIgnored()
    {
        var rgb = SlicTestData.Image("astronaut_64x48.png");
        var rgba = new byte[rgb.Width * rgb.Height * 4];
        for (int i = 0; i < rgb.Width * rgb.Height; i++)
        {
            Array.Copy(rgb.Bytes!, 3 * i, rgba, 4 * i, 3);
            rgba[4 * i + 3] = (byte)(i * 37);
        }
        var p = new SlicParameters { Segments = 20 };
        Assert.Equal(SlicSegmentation.Segment(rgb, p).Labels,
            SlicSegmentation.Segment(new DecodedImage(rgb.Width, rgb.Height, 4, rgba), p).Labels);
    }

    internal static SlicParameters Parameters(JsonElement c)
    {
        var p = new SlicParameters
        {
            Segments = c.GetProperty("n_segments").GetInt32(),
            Compactness = c.GetProperty("compactness").GetDouble(),
            StartLabel = c.GetProperty("start_label").GetInt32(),
        };
        if (c.TryGetProperty("max_num_iter", out var iter))
            p = p with { MaxIterations = iter.GetInt32() };
        if (c.TryGetProperty("enforce_connectivity", out var connect))
            p = p with { EnforceConnectivity = connect.GetBoolean() };
        if (c.TryGetProperty("min_size_factor", out var min))
            p = p with { MinSizeFactor = min.GetDouble() };
        if (c.TryGetProperty("max_size_factor", out var max))
            p = p with { MaxSizeFactor = max.GetDouble() };
        return p;
    }
}
