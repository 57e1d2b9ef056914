using System.Text.Json;
using Iqa.Gpu.Sweeps.Statistics;

namespace Iqa.Gpu.Tests.Sweeps.Statistics;

/// <summary>
/// SRCC, KRCC, PLCC and RMSE against scipy 1.10 (TestData/sweep/stats_reference.json, make_stats_reference.py):
/// equal to 1e-12 where scipy gives a number, undefined (with a reason) exactly where scipy gives nan or refuses;
/// two-sided p-values to 1e-12 relative, none where scipy's is nan.
/// </summary>
public class CorrelationReferenceTests
{
    private const double Tolerance = 1e-12;

    /// <summary>Relative, on p-values (scipy's come from Boost and Cephes, these from continued fractions).</summary>
    private const double PTolerance = 1e-12;

    public static TheoryData<string> Cases => SweepTestData.Names("correlations");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pearson_matches_scipy(string name) => Check(name, "pearson", (x, y) => Correlations.Pearson(x, y));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Spearman_matches_scipy(string name) => Check(name, "spearman", (x, y) => Correlations.Spearman(x, y));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Kendall_tau_b_matches_scipy(string name) => Check(name, "kendall", (x, y) => Correlations.Kendall(x, y));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rmse_matches_numpy(string name)
    {
        var c = SweepTestData.Case("correlations", name);
        var actual = Correlations.Rmse(SweepTestData.Numbers(c.GetProperty("x")), SweepTestData.Numbers(c.GetProperty("y")));
        double? expected = SweepTestData.Number(c.GetProperty("rmse"));
        if (expected is double e && double.IsFinite(e))
            Assert.Equal(e, actual.Value!.Value, Tolerance * Math.Max(1, e));
        else
            Assert.False(actual.IsDefined, $"{name}: scipy gives {expected}, the engine {actual}");
    }

    [Fact]
    public void Average_ranks_match_rankdata()
    {
        foreach (var c in SweepTestData.StatsReference.GetProperty("rankdata").EnumerateArray())
            Assert.Equal(SweepTestData.Numbers(c.GetProperty("ranks")), Ranks.Average(SweepTestData.Numbers(c.GetProperty("x"))));
    }

    [Fact]
    public void Undefined_statistics_say_why()
    {
        Assert.Equal("the metric scores are all equal", Correlations.Spearman([1, 1, 1], [1, 2, 3]).Undefined);
        Assert.Equal("the subjective scores are all equal", Correlations.Kendall([1, 2, 3], [4, 4, 4]).Undefined);
        Assert.Equal("fewer than 2 items", Correlations.Pearson([1], [2]).Undefined);
        Assert.Equal("1 infinite metric score", Correlations.Pearson([1, double.PositiveInfinity, 3], [1, 2, 3]).Undefined);
        Assert.Throws<ArgumentException>(() => Correlations.Spearman([1, double.NaN, 3], [1, 2, 3]));
        const string overflow = "the scores are too large for double precision (squares overflow)";
        Assert.Equal(overflow, Correlations.Rmse([1e200, -1e200, 0], [1, 2, 3]).Undefined);
        Assert.Equal(overflow, Correlations.Pearson([1e200, -1e200, 0], [1, 2, 3]).Undefined);
        Assert.Equal(1.0, Correlations.Spearman([1e200, -1e200, 0], [3, 1, 2]).Value);
    }

    private static void Check(string name, string key, Func<double[], double[], StatisticValue> statistic)
    {
        var c = SweepTestData.Case("correlations", name);
        var actual = statistic(SweepTestData.Numbers(c.GetProperty("x")), SweepTestData.Numbers(c.GetProperty("y")));
        var reference = c.GetProperty(key);
        double? expected = reference.ValueKind == JsonValueKind.Null ? null : SweepTestData.Number(reference.GetProperty("statistic"));
        if (expected is double e)
        {
            Assert.Equal(e, actual.Value ?? double.NaN, Tolerance);
            double? p = SweepTestData.Number(reference.GetProperty("pvalue"));
            if (p is double expectedP)
                Assert.True(actual.PValue is double ap && (Math.Abs(ap - expectedP) <= PTolerance * expectedP || Math.Max(ap, expectedP) < 1e-290),
                    $"{name} {key}: p-value {actual.PValue} against scipy's {expectedP}");
            else
                Assert.Null(actual.PValue);
        }
        else
        {
            Assert.False(actual.IsDefined, $"{name}: scipy gives no {key}, the engine {actual}");
            Assert.False(string.IsNullOrEmpty(actual.Undefined));
        }
    }
}
