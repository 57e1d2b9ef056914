using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics.Deep;

namespace Iqa.Gpu.Tests.Deep;

/// <summary>Bundled LPIPS models against published reference values.</summary>
public class LpipsParityTests
{
    /// <summary>
    /// lpips_examples/README.md gives 4 decimals, so the exact value lies within half a unit of the last digit.
    /// </summary>
    [Theory]
    [InlineData("lpips", "ex_p0", 0.7219)]
    [InlineData("lpips", "ex_p1", 0.1376)]
    [InlineData("lpips-squeeze", "ex_p0", 0.7110)]
    [InlineData("lpips-squeeze", "ex_p1", 0.1479)]
    public void Examples_MatchReadme(string metric, string distorted, double expected)
    {
        using var lpips = DeepMetric.Open(metric);
        double score = lpips.Score(TestImages.Example("ex_ref"), TestImages.Example(distorted));
        Assert.InRange(score, expected - 0.5e-4, expected + 0.5e-4);
    }

    /// <summary>
    /// IQA-PyTorch ResultsCalibra/results_official.csv, row 'lpips' (official LPIPS-alex v0.1), on the TID2013 pairs
    /// of refdata/pyiqa_calibra; printed to 4 significant digits, so the tolerance is half a unit of the last one.
    /// </summary>
    [Theory]
    [InlineData("I03", 0.7237, 0.5e-4)]
    [InlineData("I04", 0.2572, 0.5e-4)]
    [InlineData("I06", 0.05079, 0.5e-5)]
    [InlineData("I08", 0.05205, 0.5e-5)]
    [InlineData("I19", 0.4253, 0.5e-4)]
    public void TidPairs_MatchIqaPytorchCalibration(string image, double expected, double tolerance)
    {
        using var lpips = DeepMetric.Open("lpips");
        double score = lpips.Score(
            ImageDecoder.Decode(TestPaths.RefData("pyiqa_calibra", "ref_dir", image + ".bmp")),
            ImageDecoder.Decode(TestPaths.RefData("pyiqa_calibra", "dist_dir", image + ".bmp")));
        Assert.InRange(score, expected - tolerance, expected + tolerance);
    }
}
