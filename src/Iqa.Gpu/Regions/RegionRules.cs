namespace Iqa.Gpu.Regions;

/// <summary>
/// How a metric scores a region from its maps pooled over the region (<see cref="MapPool"/>, one per map, in the order
/// the metric's maps come), and how much of the global error the region holds.
/// </summary>
public interface IRegionRule
{
    /// <summary>Whether the rule reads the spread within regions (<see cref="MapPool.SquaredDeviations"/>).</summary>
    bool NeedsSpread { get; }

    /// <summary>The region's score, for a label with samples on the first (finest) map.</summary>
    double Score(IReadOnlyList<MapPool> pools, int label);

    /// <summary>The region's share of the metric's global error, 0 to 1 (0 where there is no error at all).</summary>
    double ErrorShare(IReadOnlyList<MapPool> pools, int label);
}

/// <summary>The region rules of the metrics with maps.</summary>
public static class RegionRules
{
    /// <summary>SSIM, LPIPS: the mean of the map over the region; error 1 − SSIM, or the distance.</summary>
    public static IRegionRule Mean { get; } = new MeanRule();

    /// <summary>GMSD: the sample standard deviation of the GMS map over the region (std2); error 1 − GMS.</summary>
    public static IRegionRule StandardDeviation { get; } = new StandardDeviationRule();

    /// <summary>PSNR: 10 log10(L² / the region's mean squared error), the map in sample units²; error the squared error.</summary>
    public static IRegionRule Psnr(double dataRange) => new PsnrRule(dataRange);

    /// <summary>
    /// MS-SSIM: the product over scales of each scale's map mean over the region raised to its exponent (a negative mean
    /// counts as 0, as <c>ms_ssim.negative=clamp</c>). The 'valid' maps of coarse scales cover less of the image (scale 5
    /// leaves out about 88 pixels along each border): a region that no sample of a scale falls in is scored on the
    /// scales that cover it, their exponents scaled to the same sum (as <c>ms_ssim.small=fewer</c> renormalizes).
    /// The error share is the region's part of the first-order loss
    /// −log MS-SSIM ≈ Σ_s e_s (1 − mean_s): Σ_s e_s Σ_region (1 − v) / n_s over Σ_s e_s Σ_map (1 − v) / n_s,
    /// n_s the samples of scale s.
    /// </summary>
    public static IRegionRule MsSsim(IReadOnlyList<double> exponents) => new MsSsimRule(exponents);

    private static double Share(double part, double total) => total > 0 ? part / total : 0;

    private sealed class MeanRule : IRegionRule
    {
        public bool NeedsSpread => false;
        public double Score(IReadOnlyList<MapPool> pools, int label) => pools[0].Mean(label);
        public double ErrorShare(IReadOnlyList<MapPool> pools, int label) => Share(pools[0].ErrorSum(label), pools[0].TotalError);
    }

    private sealed class StandardDeviationRule : IRegionRule
    {
        public bool NeedsSpread => true;
        public double Score(IReadOnlyList<MapPool> pools, int label) => pools[0].StandardDeviation(label);
        public double ErrorShare(IReadOnlyList<MapPool> pools, int label) => Share(pools[0].ErrorSum(label), pools[0].TotalError);
    }

    private sealed class PsnrRule(double dataRange) : IRegionRule
    {
        public bool NeedsSpread => false;

        public double Score(IReadOnlyList<MapPool> pools, int label)
        {
            double mse = pools[0].Mean(label);
            return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(dataRange * dataRange / mse);
        }

        public double ErrorShare(IReadOnlyList<MapPool> pools, int label) => Share(pools[0].ErrorSum(label), pools[0].TotalError);
    }

    private sealed class MsSsimRule(IReadOnlyList<double> exponents) : IRegionRule
    {
        public bool NeedsSpread => false;

        public double Score(IReadOnlyList<MapPool> pools, int label)
        {
            double all = 0, covered = 0;
            for (int s = 0; s < pools.Count; s++)
            {
                all += exponents[s];
                if (pools[s].Counts[label] > 0)
                    covered += exponents[s];
            }
            double product = 1;
            for (int s = 0; s < pools.Count; s++)
                if (pools[s].Counts[label] > 0)
                    product *= Math.Pow(Math.Max(pools[s].Mean(label), 0), exponents[s] * (all / covered));
            return product;
        }

        public double ErrorShare(IReadOnlyList<MapPool> pools, int label)
        {
            double part = 0, total = 0;
            for (int s = 0; s < pools.Count; s++)
            {
                part += exponents[s] * pools[s].ErrorSum(label) / pools[s].TotalCount;
                total += exponents[s] * pools[s].TotalError / pools[s].TotalCount;
            }
            return Share(part, total);
        }
    }
}
