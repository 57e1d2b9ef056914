using Iqa.Gpu.Images;
using Iqa.Gpu.Maps;
using Iqa.Gpu.Metrics.Ssim;
using Iqa.Gpu.Regions;
using Iqa.Gpu.Slic;

namespace Iqa.Gpu.Tests.Maps;

/// <summary>
/// What regions are for: a defect too small to move the mean. The 1920x1080 astronaut (refdata/slic_ref) against a copy
/// with mild noise (σ = 2) everywhere, then against the same copy with a 64x64 patch of uniform noise on the helmet's
/// visor (one object, one superpixel): SSIM (matlab profile, 4x4 downsampling) moves by less than 0.01, while the worst
/// of the K = 300 superpixels is the one holding the patch, its bounding box contains the patch and its SSIM falls by
/// more than 0.2. Measured: the mean moves from 0.9915 to 0.9875; the region's SSIM falls from 0.9985 to 0.4540, and its
/// box (1604, 845, 211 x 178) holds the patch with 55 pixels or more to spare on every side. K = 250 holds too
/// (0.9986 to 0.4501); from K = 400 the superpixels are smaller than the patch with its window's reach, and the
/// worst one's box no longer contains all of it.
/// </summary>
public sealed class RegionSensitivityTests
{
    private const int Segments = 300, PatchX = 1692, PatchY = 904, Patch = 64;

    [Fact]
    public void A_small_defect_moves_the_mean_little_and_its_region_much()
    {
        var reference = ImageDecoder.Decode(TestPaths.RefData("slic_ref", "astronaut_ref_cubic_1920x1080.png"));
        var rng = new Random(2024);
        var noisy = Remap(reference, (_, v) => v + 2 * Gaussian(rng));
        var patched = Remap(noisy, (p, v) => InPatch(p % reference.Width, p / reference.Width) ? rng.Next(256) : v);
        using var device = Gpu.Devices.DeviceFactory.Create("cpu");
        var options = new AnalysisOptions { Regions = new SlicParameters { Segments = Segments } };
        var (baseScores, baseAnalysis) = MapRuns.Analyze(device, [SsimMetric.Info], MapRuns.Settings(), reference, noisy, options);
        var (scores, analysis) = MapRuns.Analyze(device, [SsimMetric.Info], MapRuns.Settings(), reference, patched, options);

        double meanShift = baseScores["ssim"] - scores["ssim"];
        var worst = analysis.Regions.Single().Ranked[0];
        double before = baseAnalysis.Regions.Single().Ranked.Single(r => r.Shape.Label == worst.Shape.Label).Score;
        string facts = $"mean {baseScores["ssim"]:F4} -> {scores["ssim"]:F4}; worst region {worst.Shape.Label} {worst.Shape.Box}: {before:F4} -> {worst.Score:F4}";
        Assert.True(meanShift is > 0 and < 0.01, facts);
        Assert.True(before - worst.Score > 0.2, facts);
        Assert.True(worst.Shape.Box.Contains(new PixelBox(PatchX, PatchY, Patch, Patch)), facts);
    }

    private static bool InPatch(int x, int y) => x >= PatchX && x < PatchX + Patch && y >= PatchY && y < PatchY + Patch;

    /// <summary>Each sample through <paramref name="f"/> (pixel index, value), rounded and clipped to 8 bits.</summary>
    private static DecodedImage Remap(DecodedImage image, Func<int, double, double> f)
    {
        var bytes = new byte[image.Bytes!.Length];
        for (int i = 0; i < bytes.Length; i++)
            bytes[i] = (byte)Math.Clamp(Math.Round(f(i / image.Bands, image.Bytes[i])), 0, 255);
        return new DecodedImage(image.Width, image.Height, image.Bands, bytes);
    }

    /// <summary>A standard normal sample (Box-Muller).</summary>
    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
