using System.Globalization;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Metrics.Gmsd;
using Iqa.Gpu.Metrics.Ssim;
using Iqa.Gpu.Scoring;

namespace Iqa.Gpu.Tests.Gmsd;

/// <summary>
/// GMSD against values computed by an independent numpy/scipy port of the authors' GMSD.m
/// (TestData/gmsd/make_gmsd_reference.py), on every backend: the synthetic images, odd-size crops (where the 2x2
/// average's MATLAB centring and zero padding reach the last row and column), and a mild distortion whose GMS values
/// lie within 1e-4 of 1. Tolerance 1e-8 absolute (the map is float32, its statistics double).
/// </summary>
public sealed class GmsdReferenceTests(BackendPool pool) : IClassFixture<BackendPool>
{
    public const double Tolerance = 1e-8;

    private sealed record Row(string Reference, string Distorted, double Gmsd, int MapHeight, int MapWidth);

    private static IReadOnlyList<Row> Rows { get; } = File.ReadAllLines(TestPaths.Repo("tests", "Iqa.Gpu.Tests", "TestData", "gmsd", "gmsd_reference.csv"))
        .Skip(1).Select(CsvLineOf).Select(c => new Row(c[0], c[1], double.Parse(c[2], CultureInfo.InvariantCulture),
            int.Parse(c[4], CultureInfo.InvariantCulture), int.Parse(c[5], CultureInfo.InvariantCulture))).ToList();

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var backend in Backends.Names)
            for (int r = 0; r < Rows.Count; r++)
                data.Add(backend, r);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_the_reference(string backend, int index)
    {
        var row = Rows[index];
        var (reference, distorted) = Images(row);
        using var scorer = new Scorer(pool.Get(backend), [GmsdMetric.Info], Profiles.Resolve("matlab", null, null, null));
        double actual = scorer.Compute(row.Reference, reference, row.Distorted, distorted)["gmsd"];
        Assert.True(Math.Abs(actual - row.Gmsd) <= Tolerance,
            $"{row.Distorted} on {backend}: expected {row.Gmsd:R}, got {actual:R} (diff {actual - row.Gmsd:E2})");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Identical_images_score_exactly_zero_and_a_single_sample_map_too(string backend)
    {
        var device = pool.Get(backend);
        var image = ImageDecoder.Decode(TestPaths.RefData("synthetic", "chelsea_ref.png"));
        using var scorer = new Scorer(device, [GmsdMetric.Info], Profiles.Resolve("matlab", null, null, null));
        Assert.Equal(0.0, scorer.Compute("a", image, "b", image)["gmsd"]);
        var one = new DecodedImage(2, 1, 1, new byte[] { 10, 200 });
        var other = new DecodedImage(2, 1, 1, new byte[] { 90, 3 });
        Assert.Equal(0.0, scorer.Compute("a", one, "b", other)["gmsd"]); // std2 of one value is 0, as in MATLAB
    }

    /// <summary>The map has GMSD.m's size: ceil(H/2) x ceil(W/2).</summary>
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void Map_size_is_the_half_size_rounded_up(string backend)
    {
        foreach (var row in Rows)
        {
            var (reference, distorted) = Images(row);
            var device = pool.Get(backend);
            using var a = device.Upload(reference.ToPlanes(ColorMode.Gray, 1, 0)[0]);
            using var b = device.Upload(distorted.ToPlanes(ColorMode.Gray, 1, 0)[0]);
            var statistics = IGmsdOperations.On(device).Compute(a, b);
            Assert.Equal((row.MapHeight, row.MapWidth), (statistics.Height, statistics.Width));
        }
    }

    private static (DecodedImage Reference, DecodedImage Distorted) Images(Row row)
    {
        if (row.Distorted.Contains("every 97th"))
        {
            // The gray astronaut and the same with 1 added to every 97th sample (clipped at 255), as the script made it.
            var gray = GrayBytes(ImageDecoder.Decode(TestPaths.RefData("synthetic", "astronaut_ref.png")));
            var mild = (byte[])gray.Bytes!.Clone();
            for (int i = 0; i < mild.Length; i += 97)
                mild[i] = (byte)Math.Min(255, mild[i] + 1);
            return (gray, new DecodedImage(gray.Width, gray.Height, 1, mild));
        }
        return (Load(row.Reference), Load(row.Distorted));
    }

    /// <summary>A file name, or <c>name.png[0:H,0:W]</c> for its top-left H x W crop.</summary>
    private static DecodedImage Load(string name)
    {
        int bracket = name.IndexOf('[');
        var image = ImageDecoder.Decode(TestPaths.RefData("synthetic", bracket < 0 ? name : name[..bracket]));
        if (bracket < 0)
            return image;
        var spans = name[(bracket + 1)..^1].Split(',').Select(s => int.Parse(s.Split(':')[1], CultureInfo.InvariantCulture)).ToArray();
        return TestImages.Crop(image, 0, 0, spans[1], spans[0]);
    }

    private static DecodedImage GrayBytes(DecodedImage rgb)
    {
        var plane = rgb.ToPlanes(ColorMode.Gray, 1, 0)[0];
        return new DecodedImage(rgb.Width, rgb.Height, 1, plane.Data.Select(v => (byte)v).ToArray());
    }

    private static string[] CsvLineOf(string line) => [.. Iqa.Gpu.Pipelines.CsvLine.Parse(line)];
}
