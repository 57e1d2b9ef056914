using Iqa.Gpu.Sweeps.Statistics;

namespace Iqa.Gpu.Tests.Sweeps.Statistics;

/// <summary>
/// The bootstrap's fast path (ranks computed once, resamples ranked by counting) gives exactly what
/// <see cref="Correlations"/> gives on the resampled arrays, for every reference input (ties, constants, n = 1..2000).
/// </summary>
public class ResampledStatisticsTests
{
    public static TheoryData<string> Cases => SweepTestData.Names("correlations");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resample_statistics_equal_the_direct_ones_bit_for_bit(string name)
    {
        var c = SweepTestData.Case("correlations", name);
        double[] x = SweepTestData.Numbers(c.GetProperty("x")), y = SweepTestData.Numbers(c.GetProperty("y"));
        var sample = new PairedSample(x, y);
        var indexSets = Bootstrap.Resamples(x.Length, new BootstrapSettings(20, 4)).Prepend(Enumerable.Range(0, x.Length).ToArray());
        foreach (int[] indices in indexSets)
        {
            double[] rx = indices.Select(i => x[i]).ToArray(), ry = indices.Select(i => y[i]).ToArray();
            // The same coefficients and reasons; the resample path computes no p-values.
            Assert.Equal(
                new[] { Correlations.Spearman(rx, ry), Correlations.Kendall(rx, ry), Correlations.Pearson(rx, ry), Correlations.Rmse(rx, ry) }.Select(s => (s.Value, s.Undefined)),
                sample.Statistics(indices).Select(s => (s.Value, s.Undefined)));
        }
    }

    [Fact]
    public void Intervals_do_not_depend_on_the_thread_count()
    {
        var items = Enumerable.Range(0, 300).Select(i => (X: Math.Sin(i * 1.7), Y: Math.Sin(i * 1.7) + 0.3 * Math.Cos(i * 2.9))).ToArray();
        double[] x = items.Select(p => p.X).ToArray(), y = items.Select(p => p.Y).ToArray();
        var settings = new BootstrapSettings(150, 8);
        var parallel = Agreement.Of(x, y, settings);
        var sample = new PairedSample(x, y);
        var sequential = Bootstrap.Resamples(x.Length, settings).Select(sample.Statistics).ToList();
        var srcc = sequential.Select(s => s[0].Value!.Value).Order().ToList();
        Assert.Equal(Bootstrap.Percentile(srcc, 2.5), parallel.Srcc.Interval!.Value.Lower);
        Assert.Equal(Bootstrap.Percentile(srcc, 97.5), parallel.Srcc.Interval!.Value.Upper);
    }
}
