using Iqa.Gpu.Images;
using Iqa.Gpu.Slic;

namespace Iqa.Gpu.Tests.Slic;

/// <summary>The pieces SLIC's labels depend on, each against scikit-image's own output (TestData/slic/cases.json).</summary>
public sealed class SlicPartsTests
{
    [Fact]
    public void SeedGridMatchesRegularGrid()
    {
        foreach (var g in SlicTestData.Manifest.GetProperty("grids").EnumerateArray())
        {
            int h = g.GetProperty("height").GetInt32(), w = g.GetProperty("width").GetInt32(), n = g.GetProperty("n").GetInt32();
            string at = $"{h}x{w} n={n}";
            Assert.True(Pairs(g.GetProperty("axes")).SequenceEqual(SlicGrid.RegularGrid(h, w, n)), at);
            var grid = SlicGrid.Create(w, h, n);
            Assert.True(g.GetProperty("seeds").GetInt32() == grid.Count, at);
            var window = Pairs(g.GetProperty("window"));
            Assert.True((window[1].Step, window[2].Step) == (grid.StepY, grid.StepX), at);
        }
    }

    /// <summary>
    /// rgb2lab of every gray level and 4,096 random colours. Bit for bit when numpy computed pow/cbrt the way this
    /// machine does (SVML on AVX-512, libm elsewhere); otherwise the two libraries' last-bit differences, amplified by
    /// Lab's subtractions, stay below 1e-11.
    /// </summary>
    [Fact]
    public void LabMatchesRgb2Lab()
    {
        var image = SlicTestData.Image("lab_colors.png");
        var expected = SlicTestData.Npy<double>("lab_colors.npy");
        var samples = ImageSamples.Of(image);
        int n = image.Width * image.Height;
        var values = Enumerable.Range(0, 256).Select(v => v * (1.0 / 255)).ToArray();
        var planar = new double[3 * n];
        SlicFeatures.LabRows(samples, SkimageLab.Expand(values), 1.0, planar);
        bool sameMath = SlicTestData.Manifest.GetProperty("numpy_svml").GetBoolean() == SvmlAvx512.IsSupported;
        for (int i = 0; i < n; i++)
            for (int c = 0; c < 3; c++)
            {
                double want = expected[3 * i + c], got = planar[c * n + i];
                if (sameMath)
                    Assert.True(BitConverter.DoubleToInt64Bits(want) == BitConverter.DoubleToInt64Bits(got), $"pixel {i} channel {c}: {got:R} != {want:R}");
                else
                    Assert.Equal(want, got, 1e-11);
            }
    }

    private static (int Start, int Step)[] Pairs(System.Text.Json.JsonElement e) =>
        e.EnumerateArray().Select(p => (p[0].GetInt32(), p[1].GetInt32())).ToArray();
}
