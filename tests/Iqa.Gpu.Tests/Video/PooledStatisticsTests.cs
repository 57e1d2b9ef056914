using Iqa.Gpu.Scoring;

namespace Iqa.Gpu.Tests.Video;

/// <summary>Pooling against values computed by hand (libvmaf's harmonic mean, numpy's linear percentiles).</summary>
public class PooledStatisticsTests
{
    [Fact]
    public void FourFrames()
    {
        var s = PooledStatistics.Of([0.9, 0.5, 1.0, 0.7]);
        Assert.Equal(0.5, s.Min);
        Assert.Equal(1.0, s.Max);
        Assert.Equal(0.775, s.Mean, 1e-15);
        // 4 / (1/1.9 + 1/1.5 + 1/2 + 1/1.7) - 1
        Assert.Equal(0.7534494458267362, s.HarmonicMean, 1e-15);
        // Sorted 0.5, 0.7, 0.9, 1.0: ranks 0.01 x 3 = 0.03 and 0.05 x 3 = 0.15 between 0.5 and 0.7.
        Assert.Equal(0.506, s.Percentile1, 1e-15);
        Assert.Equal(0.53, s.Percentile5, 1e-15);
    }

    [Fact]
    public void OneFrameIsEveryStatistic()
    {
        var s = PooledStatistics.Of([42.0]);
        Assert.All(s.Named(), kv => Assert.Equal(42.0, kv.Value, 1e-12));
    }

    [Fact]
    public void InfiniteFramesMakeMeanAndMaxInfiniteAndCountZeroInTheHarmonicMean()
    {
        var s = PooledStatistics.Of([40.0, double.PositiveInfinity, 30.0]);
        Assert.Equal(30.0, s.Min);
        Assert.Equal(double.PositiveInfinity, s.Max);
        Assert.Equal(double.PositiveInfinity, s.Mean);
        // 3 / (1/31 + 1/41 + 0) - 1
        Assert.Equal(51.958333333333336, s.HarmonicMean, 1e-12);
        Assert.Equal(30.2, s.Percentile1, 1e-12);
        Assert.Equal(31.0, s.Percentile5, 1e-12);
    }

    [Fact]
    public void AllInfiniteStaysInfiniteRatherThanNaN()
    {
        var s = PooledStatistics.Of([double.PositiveInfinity, double.PositiveInfinity]);
        Assert.All(s.Named(), kv => Assert.Equal(double.PositiveInfinity, kv.Value));
    }
}
