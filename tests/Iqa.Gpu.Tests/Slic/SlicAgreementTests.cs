using Iqa.Gpu.Images;
using Iqa.Gpu.Slic;

namespace Iqa.Gpu.Tests.Slic;

/// <summary>
/// The production path against the scalar port of scikit-image's loops (itself checked against scikit-image in
/// <see cref="SlicSmallCaseTests"/> and <see cref="SlicRefdataTests"/>) on seeded random inputs chosen to provoke
/// near-ties: noise, flat blocks where many centres are at equal distance, extreme compactness (where the float
/// screen is off or decides little). Labels must be equal everywhere.
/// </summary>
public sealed class SlicAgreementTests
{
    public static TheoryData<int> Seeds { get; } = new(Enumerable.Range(0, 40));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ProductionEqualsReference(int seed)
    {
        var rng = new Random(seed);
        int w = rng.Next(5, 90), h = rng.Next(5, 70);
        int bands = rng.Next(3) switch { 0 => 1, 1 => 3, _ => 4 };
        bool sixteen = rng.Next(4) == 0;
        int block = rng.Next(3) == 0 ? rng.Next(2, 9) : 1;
        var image = Random(rng, w, h, bands, sixteen, block);
        var p = new SlicParameters
        {
            Segments = rng.Next(1, Math.Max(2, w * h / 6)),
            Compactness = Math.Pow(10, rng.NextDouble() * 4 - 2),
            StartLabel = rng.Next(2),
            MaxIterations = rng.Next(1, 12),
            EnforceConnectivity = rng.Next(5) != 0,
        };
        Assert.Equal(SlicSegmentation.SegmentReference(image, p).Labels, SlicSegmentation.Segment(image, p).Labels);
    }

    [Theory]
    [InlineData(1e-20)]
    [InlineData(1e-9)]
    [InlineData(1e20)]
    public void ExtremeCompactnessEqualsReference(double compactness)
    {
        var image = Random(new Random(7), 61, 47, 3, false, 1);
        var p = new SlicParameters { Segments = 40, Compactness = compactness };
        Assert.Equal(SlicSegmentation.SegmentReference(image, p).Labels, SlicSegmentation.Segment(image, p).Labels);
    }

    /// <summary>
    /// The run-based connectivity pass against the pixel-by-pixel port on random label maps with pieces of every
    /// size: single pixels, pieces below min_size (merged into a neighbour), pieces cut at max_size, mask labels.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void ConnectivityEqualsReference(int seed)
    {
        var rng = new Random(1000 + seed);
        int w = rng.Next(1, 120), h = rng.Next(1, 90), labels = rng.Next(1, 12), start = rng.Next(2);
        int minSize = rng.Next(0, 30), maxSize = rng.Next(1, 400);
        var segments = new int[w * h];
        int block = rng.Next(1, 7);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                segments[y * w + x] = new Random(seed * 7919 + (y / block) * 1009 + x / block).Next(labels) + start - (rng.Next(50) == 0 ? 1 : 0);
        Assert.Equal(SlicConnectivity.EnforcePixelwise(segments, w, h, minSize, maxSize, start),
            SlicConnectivity.Enforce(segments, w, h, minSize, maxSize, start));
    }

    /// <summary>Uniform noise, constant over <paramref name="block"/> x <paramref name="block"/> squares.</summary>
    private static DecodedImage Random(Random rng, int w, int h, int bands, bool sixteen, int block)
    {
        int max = sixteen ? 65535 : 255;
        var values = new int[(w + block) / block * ((h + block) / block) * bands];
        for (int i = 0; i < values.Length; i++)
            values[i] = rng.Next(max + 1);
        int Sample(int x, int y, int b) => values[((y / block) * ((w + block) / block) + x / block) * bands + b];
        var samples = new int[w * h * bands];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int b = 0; b < bands; b++)
                    samples[(y * w + x) * bands + b] = Sample(x, y, b);
        return sixteen
            ? new DecodedImage(w, h, bands, samples.Select(v => (ushort)v).ToArray())
            : new DecodedImage(w, h, bands, samples.Select(v => (byte)v).ToArray());
    }
}
