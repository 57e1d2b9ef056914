using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics.Niqe;

namespace Iqa.Gpu.Tests.Niqe;

/// <summary>
/// Sanity on real distortions: on CSIQ image 1600, NIQE rises strictly with the AWGN and blur levels 1..5, in the
/// same order as the DMOS of ../shared/refdata/dataset_promptiqa_subset/scores.csv. Measured here:
/// AWGN 2.779, 3.276, 4.446, 5.945, 8.811; BLUR 2.916, 3.376, 4.384, 6.341, 11.686.
/// (On the ten LIVE-in-the-Wild images the agreement with MOS is weak, as published for NIQE on authentic
/// distortions; that set is not asserted on.)
/// </summary>
public sealed class NiqeMonotonicityTests
{
    [Theory]
    [InlineData("AWGN")]
    [InlineData("BLUR")]
    public void RisesWithDistortionLevel(string distortion)
    {
        var scores = Enumerable.Range(1, 5).Select(level =>
        {
            var image = ImageDecoder.Decode(TestPaths.RefData("dataset_promptiqa_subset", "csiq", $"1600.{distortion}.{level}.png"));
            return NiqeCalculator.Vectorized.Score(ColorConversion.ToPlanes(image, ColorMode.Gray, 1, 0)[0]);
        }).ToList();
        for (int i = 1; i < scores.Count; i++)
            Assert.True(scores[i] > scores[i - 1], $"{distortion}: level {i + 1} ({scores[i]}) not above level {i} ({scores[i - 1]})");
    }
}
