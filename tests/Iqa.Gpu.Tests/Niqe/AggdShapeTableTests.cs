using Iqa.Gpu.Kernels;
using Iqa.Gpu.Metrics.Niqe;

namespace Iqa.Gpu.Tests.Niqe;

public class AggdShapeTableTests
{
    private static readonly AggdShapeTable Table = AggdShapeTable.Instance;

    [Fact]
    public void Grid_is_MATLABs_0_2_to_10_in_steps_of_0_001()
    {
        Assert.Equal(9801, AggdShapeTable.Length);
        Assert.Equal(0.2, Table.Shape(0));
        Assert.Equal(10.0, Table.Shape(9800));
        for (int k = 0; k < AggdShapeTable.Length; k++)
            Assert.True(Math.Abs(Table.Shape(k) - (0.2 + k * 0.001)) <= 2e-15, $"gam({k + 1})");
        // r(2) = Γ(1/2)²/(Γ(1/2)·Γ(3/2)) = 2/π for the Gaussian.
        Assert.Equal(2 / Math.PI, Table.Ratio(1800), 15);
    }

    // Cody's rational approximation on (1, 2) is good to about an ulp; above 12 the Stirling branch ends in
    // exp of a sum near 25, which costs a few more (the same in MATLAB, which uses this algorithm).
    [Theory]
    [InlineData(0.5, 1.7724538509055160273, 4e-16)] // √π
    [InlineData(1.0, 1.0, 4e-16)]
    [InlineData(2.5, 1.329340388179137, 4e-16)] // 3√π/4
    [InlineData(5.0, 24.0, 4e-16)]
    [InlineData(0.1, 9.5135076986687318397, 4e-16)]
    [InlineData(12.5, 136843365.46556583, 4e-15)]
    [InlineData(15.0, 87178291200.0, 4e-15)] // 14!
    public void Gamma_is_accurate(double x, double expected, double relTol) =>
        Assert.True(Math.Abs(CodyGamma.Gamma(x) - expected) <= relTol * expected, $"Γ({x}) = {CodyGamma.Gamma(x):R}");

    [Fact]
    public void Bisection_picks_the_index_of_the_linear_scan()
    {
        var rng = new Random(7);
        var probes = new List<double> { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0, -1, 1, 0.75, 2 };
        for (int k = 0; k < AggdShapeTable.Length; k++)
        {
            probes.Add(Table.Ratio(k));
            if (k > 0)
            {
                // Midpoints are where the squared differences of two neighbours can tie.
                double mid = (Table.Ratio(k - 1) + Table.Ratio(k)) / 2;
                probes.Add(mid);
                probes.Add(Math.BitDecrement(mid));
                probes.Add(Math.BitIncrement(mid));
            }
        }
        for (int i = 0; i < 20000; i++)
            probes.Add(Table.Ratio(0) - 0.01 + rng.NextDouble() * (Table.Ratio(9800) - Table.Ratio(0) + 0.02));
        foreach (double rhat in probes)
            Assert.True(Table.LinearSearch(rhat) == Table.Search(rhat), $"rhat {rhat:R}");
    }

    [Fact]
    public void A_NaN_estimate_gives_the_first_grid_point_as_MATLABs_min()
    {
        Assert.Equal(0, Table.LinearSearch(double.NaN));
        var fit = new AggdSums().Fit(exhaustiveSearch: false);
        Assert.Equal(0.2, fit.Alpha);
        Assert.True(double.IsNaN(fit.BetaLeft) && double.IsNaN(fit.BetaRight));
    }

    [Fact]
    public void Fit_recovers_the_shape_of_a_Laplacian_sample()
    {
        // |v| ~ Exp(1) with random sign: a generalised Gaussian of shape 1, symmetric.
        var rng = new Random(3);
        var stats = new AggdSums();
        for (int i = 0; i < 200000; i++)
            stats.Add((rng.Next(2) * 2 - 1) * -Math.Log(1 - rng.NextDouble()));
        var fit = stats.Fit(exhaustiveSearch: true);
        Assert.InRange(fit.Alpha, 0.97, 1.03);
        Assert.InRange(fit.BetaLeft / fit.BetaRight, 0.98, 1.02);
    }
}
