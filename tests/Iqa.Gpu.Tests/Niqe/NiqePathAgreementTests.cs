using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics.Niqe;

namespace Iqa.Gpu.Tests.Niqe;

/// <summary>
/// The vectorized path against the scalar oracle, feature by feature (<see cref="NiqeFeatureComparison"/>): α
/// identical, the rest within rounding of the separable filter and the lane-wise sums; measured deviations are
/// below 1e-11 of the fit's β scale.
/// </summary>
public class NiqePathAgreementTests(Xunit.Abstractions.ITestOutputHelper output)
{
    public static TheoryData<string> Images() => new()
    {
        "synthetic/coffee_jpeg20.png", "synthetic/astronaut_blur2.png", "flats-and-ramps", "texture",
    };

    private static Plane Load(string name) => name switch
    {
        "flats-and-ramps" => SyntheticImages.FlatsAndRamps(389, 301, 5),
        "texture" => SyntheticImages.Texture(300, 200, 6),
        _ => NiqeReferenceData.Gray(name),
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void Vectorized_features_match_the_scalar_oracle(string name)
    {
        var gray = Load(name);
        double worst = NiqeFeatureComparison.AssertAgree(NiqeCalculator.Scalar.ExtractFeatures(gray),
            NiqeCalculator.Vectorized.ExtractFeatures(gray), 1e-10);
        output.WriteLine($"{name}: largest deviation {worst:E2} of the fit's β scale");
    }
}
