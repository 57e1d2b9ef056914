namespace Iqa.Gpu.Sweeps.Statistics;

/// <summary>
/// The 5-parameter logistic of Sheikh, Sabir and Bovik (2006) and the VQEG FR-TV Phase II report, which maps metric
/// scores x onto the subjective scale: <c>b1 (1/2 - 1/(1 + exp(b2 (x - b3)))) + b4 x + b5</c>.
/// </summary>
public static class Logistic5
{
    public const int ParameterCount = 5;

    public static double Evaluate(ReadOnlySpan<double> b, double x) => b[0] * (0.5 - Q(b[1] * (x - b[2]))) + b[3] * x + b[4];

    /// <summary>
    /// The partial derivatives with respect to b1..b5 at x, and the value there: one exponential for both, and the
    /// value is <see cref="Evaluate"/>'s to the last bit (the same operations on the same q).
    /// </summary>
    public static double Gradient(ReadOnlySpan<double> b, double x, Span<double> gradient)
    {
        double q = Q(b[1] * (x - b[2]));
        // d/dz of -1/(1 + e^z) is q (1 - q), finite for any z (e^z/(1 + e^z)^2 would be inf/inf for large z).
        double slope = b[0] * q * (1 - q);
        gradient[0] = 0.5 - q;
        gradient[1] = slope * (x - b[2]);
        gradient[2] = -slope * b[1];
        gradient[3] = x;
        gradient[4] = 1;
        return b[0] * (0.5 - q) + b[3] * x + b[4];
    }

    /// <summary>1/(1 + e^z) without overflow.</summary>
    private static double Q(double z)
    {
        if (z > 0)
        {
            double t = Math.Exp(-z);
            return t / (1 + t);
        }
        return 1 / (1 + Math.Exp(z));
    }
}
