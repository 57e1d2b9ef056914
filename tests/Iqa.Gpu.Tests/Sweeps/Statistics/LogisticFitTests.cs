using Iqa.Gpu.Sweeps.Statistics;

namespace Iqa.Gpu.Tests.Sweeps.Statistics;

/// <summary>
/// The 5-parameter logistic fit against scipy.optimize.curve_fit(method='lm') from the same starts
/// (stats_reference.json, "logistic"): the engine's fit is at least as good as scipy's best, and the fitted
/// PLCC / SRCC / KRCC / RMSE agree to 1e-6.
/// </summary>
public class LogisticFitTests
{
    public static TheoryData<string> Cases => SweepTestData.Names("logistic");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Starts_are_the_ones_scipy_was_given(string name)
    {
        var c = SweepTestData.Case("logistic", name);
        var starts = LogisticFit.Starts(SweepTestData.Numbers(c.GetProperty("x")), SweepTestData.Numbers(c.GetProperty("y")));
        var expected = c.GetProperty("fits").EnumerateArray().Select(f => SweepTestData.Numbers(f.GetProperty("start"))).ToList();
        Assert.Equal(expected.Count, starts.Count);
        for (int s = 0; s < starts.Count; s++)
            for (int j = 0; j < Logistic5.ParameterCount; j++)
                Assert.Equal(expected[s][j], starts[s][j], 1e-12 * Math.Max(1, Math.Abs(expected[s][j])));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fitted_correlations_match_curve_fit(string name)
    {
        var c = SweepTestData.Case("logistic", name);
        double[] x = SweepTestData.Numbers(c.GetProperty("x")), y = SweepTestData.Numbers(c.GetProperty("y"));
        var fit = LogisticFit.Fit(x, y);
        Assert.True(fit.Converged, fit.Failure);
        double scipySse = SweepTestData.Number(c.GetProperty("best").GetProperty("sse"))!.Value;
        // Tighter tolerances than MINPACK's defaults: never a worse minimum than scipy's.
        Assert.True(fit.Sse <= scipySse * (1 + 1e-9), $"SSE {fit.Sse} against scipy's {scipySse}");
        double[] mapped = fit.Map(x);
        Assert.Equal(SweepTestData.Number(c.GetProperty("plcc"))!.Value, Correlations.Pearson(mapped, y).Value!.Value, 1e-6);
        Assert.Equal(SweepTestData.Number(c.GetProperty("srcc"))!.Value, Correlations.Spearman(mapped, y).Value!.Value, 1e-6);
        Assert.Equal(SweepTestData.Number(c.GetProperty("krcc"))!.Value, Correlations.Kendall(mapped, y).Value!.Value, 1e-6);
        Assert.Equal(SweepTestData.Number(c.GetProperty("rmse"))!.Value, Correlations.Rmse(mapped, y).Value!.Value, 1e-6);
    }

    /// <summary>
    /// From each start the engine's minimum is no worse than scipy's (from the FSIM/VSI start on psnr_vs_mos scipy stops
    /// in a local minimum the engine gets out of); where both reach the same minimum the PLCC agrees to 1e-6.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_start_does_at_least_as_well_as_curve_fit(string name)
    {
        var c = SweepTestData.Case("logistic", name);
        double[] x = SweepTestData.Numbers(c.GetProperty("x")), y = SweepTestData.Numbers(c.GetProperty("y"));
        foreach (var f in c.GetProperty("fits").EnumerateArray().Where(f => f.GetProperty("converged").GetBoolean()))
        {
            var outcome = LevenbergMarquardt.Minimize(x, y, SweepTestData.Numbers(f.GetProperty("start")));
            if (!outcome.Converged)
                continue;
            double scipySse = SweepTestData.Number(f.GetProperty("sse"))!.Value;
            Assert.True(outcome.Sse <= scipySse * (1 + 1e-9), $"SSE {outcome.Sse} against scipy's {scipySse}");
            if (outcome.Sse < scipySse * (1 - 1e-6))
                continue;
            var scipy = SweepTestData.Numbers(f.GetProperty("params"));
            double plccScipy = Correlations.Pearson(new LogisticFitResult(scipy, 0, 0, 0, 1, null).Map(x), y).Value!.Value;
            double plcc = Correlations.Pearson(new LogisticFitResult(outcome.Parameters, 0, 0, 0, 1, null).Map(x), y).Value!.Value;
            Assert.Equal(plccScipy, plcc, 1e-6);
        }
    }

    [Fact]
    public void Refuses_what_cannot_be_fitted()
    {
        Assert.Equal("fewer than 6 items for a 5-parameter fit", LogisticFit.Fit([1, 2, 3, 4, 5], [1, 2, 3, 4, 5]).Failure);
        Assert.Equal("the metric scores are all equal", LogisticFit.Fit([2, 2, 2, 2, 2, 2], [1, 2, 3, 4, 5, 6]).Failure);
        Assert.Equal("a metric score is not finite", LogisticFit.Fit([1, 2, 3, double.PositiveInfinity, 5, 6], [1, 2, 3, 4, 5, 6]).Failure);
        Assert.Throws<InvalidOperationException>(() => LogisticFit.Fit([1, 2, 3], [1, 2, 3]).Map([1.0]));
    }
}
