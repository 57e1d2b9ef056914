namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// The sums <c>estimateaggdparam.m</c> needs from a sample vector: squares split by sign (exact zeros go to
/// neither side, as <c>vec(vec&lt;0)</c> and <c>vec(vec&gt;0)</c> do), the sum of magnitudes and the count.
/// The scalar and vectorized feature paths differ only in how they fill these sums.
/// </summary>
internal struct AggdStatistics
{
    public double LeftSumSq, LeftCount, RightSumSq, RightCount, SumAbs, Count;

    public void Add(double v)
    {
        if (v < 0)
        {
            LeftSumSq += v * v;
            LeftCount++;
        }
        else if (v > 0)
        {
            RightSumSq += v * v;
            RightCount++;
        }
        SumAbs += Math.Abs(v);
        Count++;
    }

    /// <summary>
    /// The fit of <c>estimateaggdparam.m</c>. A side without samples has a NaN deviation (MATLAB's mean of an
    /// empty vector), which makes the shape estimate NaN; MATLAB's <c>min</c> then returns index 1, so α = 0.2
    /// while the β that depend on the empty side stay NaN.
    /// </summary>
    public readonly AggdFit Fit(bool exhaustiveSearch)
    {
        double leftStd = Math.Sqrt(LeftSumSq / LeftCount);
        double rightStd = Math.Sqrt(RightSumSq / RightCount);
        double gammaHat = leftStd / rightStd;
        double meanAbs = SumAbs / Count;
        double rHat = meanAbs * meanAbs / ((LeftSumSq + RightSumSq) / Count);
        // (rhat*(gammahat^3 +1)*(gammahat+1))/((gammahat^2 +1)^2), with MATLAB's power for the cube.
        double g2p1 = gammaHat * gammaHat + 1;
        double rHatNorm = rHat * (Math.Pow(gammaHat, 3) + 1) * (gammaHat + 1) / (g2p1 * g2p1);
        var table = AggdShapeTable.Instance;
        int k = exhaustiveSearch ? table.LinearSearch(rHatNorm) : table.Search(rHatNorm);
        double scale = table.BetaScale(k);
        return new AggdFit(table.Shape(k), leftStd * scale, rightStd * scale, table.MeanScale(k));
    }
}

/// <param name="Alpha">shape α</param>
/// <param name="BetaLeft">β_l</param>
/// <param name="BetaRight">β_r</param>
/// <param name="MeanScale">Γ(2/α)/Γ(1/α)</param>
internal readonly record struct AggdFit(double Alpha, double BetaLeft, double BetaRight, double MeanScale)
{
    /// <summary>η = (β_r − β_l)·Γ(2/α)/Γ(1/α), the mean of the fitted distribution (computefeature.m).</summary>
    public double Mean => (BetaRight - BetaLeft) * MeanScale;
}
