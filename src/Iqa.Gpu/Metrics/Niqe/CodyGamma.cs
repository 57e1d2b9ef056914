namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// The gamma function for positive arguments by W. J. Cody's rational minimax approximation (netlib SPECFUN
/// <c>gamma</c>), the algorithm MATLAB's <c>gamma</c> documents. NIQE evaluates it at 1/α, 2/α and 3/α for
/// α in [0.2, 10], so only arguments in [0.1, 15] matter; using the same algorithm as MATLAB keeps the
/// shape table within an ulp or so of the release's <c>r_gam</c>.
/// </summary>
internal static class CodyGamma
{
    // Numerator and denominator of the approximation of Γ on (1, 2).
    private static readonly double[] P =
    [
        -1.71618513886549492533811e+0, 2.47656508055759199108314e+1, -3.79804256470945635097577e+2,
        6.29331155312818442661052e+2, 8.66966202790413211295064e+2, -3.14512729688483675254357e+4,
        -3.61444134186911729807069e+4, 6.64561438202405440627855e+4,
    ];

    private static readonly double[] Q =
    [
        -3.08402300119738975254353e+1, 3.15350626979604161529144e+2, -1.01515636749021914166146e+3,
        -3.10777167157231109440444e+3, 2.25381184209801510330112e+4, 4.75584627752788110767815e+3,
        -1.34659959864969306392456e+5, -1.15132259675553483497211e+5,
    ];

    // Asymptotic (Stirling) correction series for arguments of 12 and more.
    private static readonly double[] C =
    [
        -1.910444077728e-03, 8.4171387781295e-04, -5.952379913043012e-04, 7.93650793500350248e-04,
        -2.777777777777681622553e-03, 8.333333333333333331554247e-02, 5.7083835261e-03,
    ];

    private const double HalfLogTwoPi = 0.9189385332046727417803297;

    /// <summary>Γ(x) for 0 &lt; x &lt; 171.6 (NIQE never leaves (0.1, 15]).</summary>
    public static double Gamma(double x)
    {
        if (!(x > 0 && x < 171.624))
            throw new ArgumentOutOfRangeException(nameof(x), x, "gamma is implemented for 0 < x < 171.624");
        if (x < 2.22e-16)
            return 1.0 / x;
        if (x >= 12.0)
        {
            double ysq = x * x;
            double sum = C[6];
            for (int i = 0; i < 6; i++)
                sum = sum / ysq + C[i];
            sum = sum / x - x + HalfLogTwoPi;
            sum += (x - 0.5) * Math.Log(x);
            return Math.Exp(sum);
        }

        // Reduce to (1, 2), evaluate the rational approximation there, then undo the reduction.
        double y = x, z;
        int n = 0;
        if (y < 1.0)
        {
            z = y;
            y += 1.0;
        }
        else
        {
            n = (int)y - 1;
            y -= n;
            z = y - 1.0;
        }
        double num = 0.0, den = 1.0;
        for (int i = 0; i < 8; i++)
        {
            num = (num + P[i]) * z;
            den = den * z + Q[i];
        }
        double res = num / den + 1.0;
        if (x < y)
            return res / x;
        for (int i = 0; i < n; i++)
        {
            res *= y;
            y += 1.0;
        }
        return res;
    }
}
