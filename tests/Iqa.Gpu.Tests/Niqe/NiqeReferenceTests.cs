using Iqa.Gpu.Metrics.Niqe;
using Xunit.Abstractions;

namespace Iqa.Gpu.Tests.Niqe;

/// <summary>
/// Parity with refdata/niqe_ref (see its README). <c>niqe_f64_flatzero</c> is the release's algorithm in
/// float64 with exact zeros in flat 7×7 neighbourhoods and scipy's direct 2-D filter sum elsewhere, which is
/// what this engine computes (see Mscn), so it is held to 1e-9 relative (the issue asks for 1e-6; both paths
/// measure below 3e-13 on every row). <c>niqe</c> is BasicSR's float32 port: float32 rounding moves an α by
/// a grid step now and then, up to about 5.5e-4 relative on the JPEG rows, so it is held to 1e-3.
/// </summary>
public class NiqeReferenceTests(ITestOutputHelper output)
{
    public static TheoryData<string, bool> ScoredRows()
    {
        var data = new TheoryData<string, bool>();
        foreach (var row in NiqeReferenceData.Rows.Where(r => r.Blocks >= 2))
        {
            data.Add(row.File, true);
            data.Add(row.File, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ScoredRows))]
    public void Score_matches_reference(string file, bool vectorized)
    {
        var row = NiqeReferenceData.Get(file);
        var calculator = vectorized ? NiqeCalculator.Vectorized : NiqeCalculator.Scalar;
        double score = calculator.Score(NiqeReferenceData.Gray(file));
        double relFlat = Math.Abs(score - row.NiqeF64FlatZero) / row.NiqeF64FlatZero;
        double relF32 = Math.Abs(score - row.Niqe) / row.Niqe;
        output.WriteLine($"{file}: {score:R} flatzero {row.NiqeF64FlatZero:R} rel {relFlat:E2}; niqe {row.Niqe:R} rel {relF32:E2}");
        Assert.True(relFlat <= 1e-9, $"relative difference to niqe_f64_flatzero {relFlat:E3}");
        Assert.True(relF32 <= 1e-3, $"relative difference to niqe (float32) {relF32:E3}");
    }
}
