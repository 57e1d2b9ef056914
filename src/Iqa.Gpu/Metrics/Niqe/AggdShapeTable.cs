namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// The shape grid of the release's <c>estimateaggdparam.m</c>: <c>gam = 0.2:0.001:10</c> (9801 values) and
/// <c>r_gam = gamma(2./gam).^2 ./ (gamma(1./gam).*gamma(3./gam))</c>, built once, with the two gamma
/// ratios the fit needs at the chosen shape.
/// </summary>
internal sealed class AggdShapeTable
{
    public const int Length = 9801;

    public static AggdShapeTable Instance { get; } = new();

    private readonly double[] _shape = new double[Length];
    private readonly double[] _ratio = new double[Length];
    private readonly double[] _betaScale = new double[Length];
    private readonly double[] _meanScale = new double[Length];

    private AggdShapeTable()
    {
        for (int k = 0; k < Length; k++)
        {
            double a = ColonValue(k);
            double g1 = CodyGamma.Gamma(1 / a), g2 = CodyGamma.Gamma(2 / a), g3 = CodyGamma.Gamma(3 / a);
            _shape[k] = a;
            _ratio[k] = g2 * g2 / (g1 * g3);
            _betaScale[k] = Math.Sqrt(g1 / g3);
            _meanScale[k] = g2 / g1;
        }
        // Search relies on r_gam rising strictly along the grid (it does: r(α) grows monotonically toward 3/4).
        for (int k = 1; k < Length; k++)
            if (!(_ratio[k] > _ratio[k - 1]))
                throw new InvalidOperationException($"AGGD shape table is not strictly increasing at index {k}");
    }

    /// <summary>
    /// Entry k of <c>0.2:0.001:10</c> as MATLAB's colon operator computes it: the first half counted up from
    /// 0.2, the second half counted down from 10, so that the last entry is exactly 10.
    /// </summary>
    private static double ColonValue(int k)
    {
        const int n = Length - 1;
        return 2 * k <= n ? 0.2 + k * 0.001 : 10.0 - (n - k) * 0.001;
    }

    /// <summary>α = gam(k).</summary>
    public double Shape(int k) => _shape[k];

    /// <summary>r_gam(k).</summary>
    public double Ratio(int k) => _ratio[k];

    /// <summary>sqrt(Γ(1/α)/Γ(3/α)), which turns a side's standard deviation into its β.</summary>
    public double BetaScale(int k) => _betaScale[k];

    /// <summary>Γ(2/α)/Γ(1/α), which turns β_r − β_l into the mean of a product field (computefeature.m).</summary>
    public double MeanScale(int k) => _meanScale[k];

    /// <summary>
    /// <c>[~, k] = min((r_gam - rhat).^2)</c> by scanning all 9801 entries, exactly as MATLAB: the first
    /// minimum wins, and when every difference is NaN (rhat is NaN) MATLAB's <c>min</c> returns index 1.
    /// This is the oracle for <see cref="Search"/>.
    /// </summary>
    public int LinearSearch(double rhat)
    {
        int best = 0;
        double bestSq = double.NaN;
        for (int k = 0; k < Length; k++)
        {
            double d = _ratio[k] - rhat;
            double sq = d * d;
            if (double.IsNaN(bestSq) ? !double.IsNaN(sq) : sq < bestSq)
            {
                best = k;
                bestSq = sq;
            }
        }
        return best;
    }

    /// <summary>
    /// The index <see cref="LinearSearch"/> returns, by bisection. Since r_gam rises strictly and rounding is
    /// monotone, the computed squares (r_gam(k) − rhat)² do not increase before the first k with
    /// r_gam(k) ≥ rhat and do not decrease from there on, so the minimum sits at that k or the one before it;
    /// equal squares further left are walked over so that the first minimum still wins.
    /// </summary>
    public int Search(double rhat)
    {
        if (double.IsNaN(rhat))
            return 0;
        int lo = 0, hi = Length; // first k with _ratio[k] - rhat >= 0 lies in [lo, hi]
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_ratio[mid] - rhat >= 0)
                hi = mid;
            else
                lo = mid + 1;
        }
        if (lo == Length)
            return WalkLeft(Length - 1, rhat);
        if (lo == 0)
            return 0;
        return Square(lo - 1, rhat) <= Square(lo, rhat) ? WalkLeft(lo - 1, rhat) : lo;
    }

    private int WalkLeft(int k, double rhat)
    {
        double sq = Square(k, rhat);
        while (k > 0 && Square(k - 1, rhat) == sq)
            k--;
        return k;
    }

    private double Square(int k, double rhat)
    {
        double d = _ratio[k] - rhat;
        return d * d;
    }
}
