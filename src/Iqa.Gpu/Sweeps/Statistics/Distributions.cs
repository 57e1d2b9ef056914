namespace Iqa.Gpu.Sweeps.Statistics;

/// <summary>
/// The special functions behind the p-values, in double precision (relative error about 1e-14 where the result is
/// not subnormal): ln Γ, the regularized incomplete beta function and erfc. Each p-value is the same quantity scipy
/// 1.10 computes (scipy uses Boost and Cephes; the algorithms here are the classic ones, cited per method).
/// </summary>
internal static class Distributions
{
    private const double Epsilon = 1e-16, Tiny = 1e-300;

    /// <summary>
    /// ln Γ(z), z &gt; 0: Stirling's series from z ≥ 10 (terms to z^-9, truncation below 2e-15 relative), smaller
    /// arguments shifted up by the recurrence.
    /// </summary>
    public static double LogGamma(double z)
    {
        if (!(z > 0))
            throw new ArgumentOutOfRangeException(nameof(z), z, "ln Γ is used for positive arguments only");
        double shift = 0;
        while (z < 10)
        {
            shift += Math.Log(z);
            z += 1;
        }
        double inv = 1 / z, inv2 = inv * inv;
        double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680 - inv2 / 1188))));
        return (z - 0.5) * Math.Log(z) - z + 0.91893853320467274178 + series - shift;
    }

    /// <summary>
    /// I_x(a, b), the regularized incomplete beta function, with y = 1 - x given separately so that neither tail loses
    /// precision: the continued fraction of Numerical Recipes (3rd ed., §6.4, <c>betai</c>/<c>betacf</c>, modified
    /// Lentz), on whichever side of the mean (a + 1)/(a + b + 2) converges.
    /// </summary>
    public static double RegularizedBeta(double a, double b, double x, double y)
    {
        if (x <= 0)
            return 0;
        if (y <= 0)
            return 1;
        double front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(y));
        return x < (a + 1) / (a + b + 2) ? front * BetaFraction(a, b, x) / a : 1 - front * BetaFraction(b, a, y) / b;
    }

    private static double BetaFraction(double a, double b, double x)
    {
        double qab = a + b, qap = a + 1, qam = a - 1;
        double c = 1, d = 1 - qab * x / qap;
        d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
        double h = d;
        for (int m = 1; m < 100_000; m++)
        {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = 1 + aa / c;
            if (Math.Abs(c) < Tiny)
                c = Tiny;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = 1 + aa / c;
            if (Math.Abs(c) < Tiny)
                c = Tiny;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) <= Epsilon)
                return h;
        }
        throw new InvalidOperationException($"incomplete beta continued fraction did not converge (a={a}, b={b}, x={x})");
    }

    /// <summary>
    /// erfc(x) for x ≥ 0: below 1.2 as 1 - erf with erf's series 2/√π e^(-x²) Σ 2^k x^(2k+1) / (1·3···(2k+1)) (all
    /// terms positive); above, Laplace's continued fraction e^(-x²)/√π / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))
    /// by modified Lentz.
    /// </summary>
    public static double Erfc(double x)
    {
        if (x < 0)
            throw new ArgumentOutOfRangeException(nameof(x), x, "erfc is used for x >= 0 only");
        const double InvSqrtPi = 0.56418958354775628695;
        if (x < 1.2)
        {
            double term = x, sum = x, x2 = x * x;
            for (int k = 1; term > Epsilon * sum; k++)
            {
                term *= 2 * x2 / (2 * k + 1);
                sum += term;
            }
            return 1 - 2 * InvSqrtPi * Math.Exp(-x2) * sum;
        }
        double f = x, c = x, d = 0;
        for (int k = 1; k < 10_000; k++)
        {
            double ak = k / 2.0;
            d = x + ak * d;
            d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = x + ak / c;
            if (Math.Abs(c) < Tiny)
                c = Tiny;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) <= Epsilon)
                return InvSqrtPi * Math.Exp(-x * x) / f;
        }
        throw new InvalidOperationException($"erfc continued fraction did not converge (x={x})");
    }
}
