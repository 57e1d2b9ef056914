using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Metrics.Niqe;

/// <param name="Alpha">shape α</param>
/// <param name="BetaLeft">β_l</param>
/// <param name="BetaRight">β_r</param>
/// <param name="MeanScale">Γ(2/α)/Γ(1/α)</param>
internal readonly record struct AggdFit(double Alpha, double BetaLeft, double BetaRight, double MeanScale)
{
    /// <summary>η = (β_r − β_l)·Γ(2/α)/Γ(1/α), the mean of the fitted distribution (computefeature.m).</summary>
    public double Mean => (BetaRight - BetaLeft) * MeanScale;
}

/// <summary>The fit of <c>estimateaggdparam.m</c> from a sample vector's <see cref="AggdSums"/>.</summary>
internal static class AggdFitter
{
    /// <summary>
    /// A side without samples has a NaN deviation (MATLAB's mean of an empty vector), which makes the shape
    /// estimate NaN; MATLAB's <c>min</c> then returns index 1, so α = 0.2 while the β that depend on the
    /// empty side stay NaN. <paramref name="exhaustiveSearch"/> picks the linear scan of the shape table
    /// (the oracle) instead of the bisection; both return the same index.
    /// </summary>
    public static AggdFit Fit(this AggdSums sums, bool exhaustiveSearch)
    {
        double leftStd = Math.Sqrt(sums.LeftSumSq / sums.LeftCount);
        double rightStd = Math.Sqrt(sums.RightSumSq / sums.RightCount);
        double gammaHat = leftStd / rightStd;
        double meanAbs = sums.SumAbs / sums.Count;
        double rHat = meanAbs * meanAbs / ((sums.LeftSumSq + sums.RightSumSq) / sums.Count);
        // (rhat*(gammahat^3 +1)*(gammahat+1))/((gammahat^2 +1)^2), with MATLAB's power for the cube.
        double g2p1 = gammaHat * gammaHat + 1;
        double rHatNorm = rHat * (Math.Pow(gammaHat, 3) + 1) * (gammaHat + 1) / (g2p1 * g2p1);
        var table = AggdShapeTable.Instance;
        int k = exhaustiveSearch ? table.LinearSearch(rHatNorm) : table.Search(rHatNorm);
        double scale = table.BetaScale(k);
        return new AggdFit(table.Shape(k), leftStd * scale, rightStd * scale, table.MeanScale(k));
    }
}
