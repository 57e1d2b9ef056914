using Iqa.Gpu.Sweeps.Statistics;

namespace Iqa.Gpu.Tests.Sweeps.Statistics;

/// <summary>
/// The generator against an independent Python implementation of xoshiro256** / SplitMix64 / Lemire bounds, and the
/// percentile intervals against resamples drawn the same way with each statistic computed by scipy and the bounds by
/// numpy.percentile (stats_reference.json, "prng" and "bootstrap").
/// </summary>
public class BootstrapTests
{
    private static readonly string[] Keys = ["srcc", "krcc", "plcc", "rmse"];

    private static Estimate[] Estimates(Agreement a) => [a.Srcc, a.Krcc, a.Plcc, a.Rmse];

    [Fact]
    public void Generator_matches_the_reference_sequence()
    {
        var prng = SweepTestData.StatsReference.GetProperty("prng");
        var g = new Xoshiro256StarStar(42);
        foreach (var v in prng.GetProperty("seed42").EnumerateArray())
            Assert.Equal(ulong.Parse(v.GetString()!), g.Next());
        g = new Xoshiro256StarStar(0);
        foreach (var v in prng.GetProperty("seed0").EnumerateArray())
            Assert.Equal(ulong.Parse(v.GetString()!), g.Next());
        g = new Xoshiro256StarStar(12345);
        var bounds = prng.GetProperty("seed12345_below_bounds").EnumerateArray().Select(b => b.GetInt32()).ToArray();
        var expected = prng.GetProperty("seed12345_below").EnumerateArray().Select(b => b.GetInt32()).ToArray();
        Assert.Equal(expected, bounds.Select(g.Below).ToArray());
    }

    public static TheoryData<string> Cases => SweepTestData.Names("bootstrap");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Intervals_match_scipy_on_the_same_resamples(string name)
    {
        var c = SweepTestData.Case("bootstrap", name);
        var settings = new BootstrapSettings(c.GetProperty("resamples").GetInt32(), c.GetProperty("seed").GetUInt64());
        var estimates = Estimates(Agreement.Of(SweepTestData.Numbers(c.GetProperty("x")), SweepTestData.Numbers(c.GetProperty("y")), settings));
        for (int j = 0; j < Keys.Length; j++)
        {
            var expected = c.GetProperty(Keys[j]);
            var actual = estimates[j].Interval ?? throw new Xunit.Sdk.XunitException(Keys[j] + " interval undefined");
            Assert.Equal(expected.GetProperty("defined").GetInt32(), actual.DefinedResamples);
            Assert.Equal(SweepTestData.Number(expected.GetProperty("lower"))!.Value, actual.Lower, 1e-12);
            Assert.Equal(SweepTestData.Number(expected.GetProperty("upper"))!.Value, actual.Upper, 1e-12);
        }
    }

    [Fact]
    public void Interval_is_undefined_when_most_resamples_are()
    {
        // One odd metric score (item 0) and one odd subjective score (item 9) out of ten: a resample missing either
        // is constant on one side, about 59 % of them, so SRCC's interval is undefined; RMSE's is always defined.
        double[] x = [2, 1, 1, 1, 1, 1, 1, 1, 1, 1], y = [5, 5, 5, 5, 5, 5, 5, 5, 5, 6];
        var agreement = Agreement.Of(x, y, new BootstrapSettings(200, 3));
        Assert.True(agreement.Srcc.Statistic.IsDefined);
        Assert.Null(agreement.Srcc.Interval);
        Assert.NotNull(agreement.Rmse.Interval);
    }

    [Theory]
    [InlineData(-1, 0.95, "bootstrap resamples -1: must be 0 (no intervals) or more")]
    [InlineData(100, 1.0, "confidence level 1: must be between 0 and 1 (0.95 for 95 %)")]
    [InlineData(100, double.NaN, "confidence level NaN: must be between 0 and 1 (0.95 for 95 %)")]
    public void Settings_refuse_impossible_values(int resamples, double level, string message) =>
        Assert.Equal(message, Assert.Throws<IqaException>(() => new BootstrapSettings(resamples, 0, level)).Message);

    [Fact]
    public void No_resamples_no_intervals()
    {
        var agreement = Agreement.Of([1, 2, 3, 4], [2, 1, 4, 3], new BootstrapSettings(0));
        Assert.True(agreement.Srcc.Statistic.IsDefined);
        Assert.Null(agreement.Srcc.Interval);
    }

    [Fact]
    public void Same_seed_same_resamples_other_seed_others()
    {
        var a = Bootstrap.Resamples(50, new BootstrapSettings(3, 9)).ToList();
        var b = Bootstrap.Resamples(50, new BootstrapSettings(3, 9)).ToList();
        var c = Bootstrap.Resamples(50, new BootstrapSettings(3, 10)).ToList();
        Assert.Equal(a, b);
        Assert.NotEqual(a[0], c[0]);
    }
}
