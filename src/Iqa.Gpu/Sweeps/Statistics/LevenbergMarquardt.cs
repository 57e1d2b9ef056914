namespace Iqa.Gpu.Sweeps.Statistics;

/// <summary>
/// Levenberg-Marquardt least squares for <see cref="Logistic5"/>, with the analytic Jacobian and Marquardt's scaling
/// (the damping term is λ times the largest diagonal of JᵀJ seen so far, per parameter, as MINPACK's <c>lmder</c>
/// scales its trust region). The 5x5 normal equations are solved by Cholesky.
/// <para>Convergence, tighter than MINPACK's defaults so fitted correlations are stable to 1e-9:
/// (a) the residual is orthogonal to every Jacobian column to 1e-10 (cosine, MINPACK's <c>gtol</c> test), or
/// (b) an accepted step changes the scaled parameters by at most 1e-12 relative (<c>xtol</c>), or
/// (c) no step decreases the squared error any more even at λ = 1e16 while the cosine is below 1e-6 (the minimum is
/// reached to rounding). Anything else — 1000 iterations, non-finite values, a stall away from a stationary point —
/// is reported as not converged, with the reason.</para>
/// </summary>
internal static class LevenbergMarquardt
{
    private const int MaxIterations = 1000;
    private const double GradientTolerance = 1e-10;
    private const double StallGradientTolerance = 1e-6;
    private const double StepTolerance = 1e-12;
    private const double MaxDamping = 1e16;
    private const int P = Logistic5.ParameterCount;

    public readonly record struct Outcome(double[] Parameters, double Sse, int Iterations, string? Failure)
    {
        public bool Converged => Failure == null;
    }

    public static Outcome Minimize(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> start)
    {
        double[] b = start.ToArray();
        double sse = Sse(x, y, b);
        if (!double.IsFinite(sse))
            return new Outcome(b, sse, 0, "the start gives a non-finite squared error");
        var a = new double[P * P];
        var g = new double[P];
        var scale = new double[P];
        var step = new double[P];
        var trial = new double[P];
        double lambda = 1e-3;
        for (int iteration = 1; iteration <= MaxIterations; iteration++)
        {
            NormalEquations(x, y, b, a, g);
            double cosine = GradientCosine(a, g, sse);
            if (sse == 0 || cosine <= GradientTolerance)
                return new Outcome(b, sse, iteration - 1, null);
            for (int j = 0; j < P; j++)
                scale[j] = Math.Max(scale[j], a[j * P + j]);
            double floor = 1e-12 * scale.Max();
            while (true)
            {
                if (Solve(a, g, scale, floor, lambda, step))
                {
                    for (int j = 0; j < P; j++)
                        trial[j] = b[j] + step[j];
                    double trialSse = Sse(x, y, trial);
                    if (trialSse < sse)
                    {
                        bool small = ScaledNorm(step, scale, floor) <= StepTolerance * ScaledNorm(b, scale, floor);
                        trial.CopyTo(b, 0);
                        sse = trialSse;
                        lambda = Math.Max(lambda / 3, 1e-12);
                        if (small)
                            return new Outcome(b, sse, iteration, null);
                        break;
                    }
                }
                lambda *= 4;
                if (lambda > MaxDamping)
                    return new Outcome(b, sse, iteration, cosine <= StallGradientTolerance ? null
                        : $"stalled away from a minimum (gradient cosine {cosine:G3})");
            }
        }
        return new Outcome(b, sse, MaxIterations, $"no convergence in {MaxIterations} iterations");
    }

    public static double Sse(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> b)
    {
        double sse = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double r = y[i] - Logistic5.Evaluate(b, x[i]);
            sse += r * r;
        }
        return sse;
    }

    /// <summary>JᵀJ into <paramref name="a"/> and Jᵀr (r = y - f) into <paramref name="g"/>.</summary>
    private static void NormalEquations(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double[] b, double[] a, double[] g)
    {
        Array.Clear(a);
        Array.Clear(g);
        Span<double> row = stackalloc double[P];
        for (int i = 0; i < x.Length; i++)
        {
            double r = y[i] - Logistic5.Gradient(b, x[i], row);
            for (int j = 0; j < P; j++)
            {
                g[j] += row[j] * r;
                for (int k = 0; k <= j; k++)
                    a[j * P + k] += row[j] * row[k];
            }
        }
        for (int j = 0; j < P; j++)
            for (int k = 0; k < j; k++)
                a[k * P + j] = a[j * P + k];
    }

    /// <summary>max_j |J_jᵀ r| / (‖J_j‖ ‖r‖): 0 at a stationary point, whatever the scales.</summary>
    private static double GradientCosine(double[] a, double[] g, double sse)
    {
        double worst = 0;
        for (int j = 0; j < P; j++)
        {
            double norm = Math.Sqrt(a[j * P + j] * sse);
            if (norm > 0)
                worst = Math.Max(worst, Math.Abs(g[j]) / norm);
        }
        return worst;
    }

    private static double ScaledNorm(double[] v, double[] scale, double floor)
    {
        double s = 0;
        for (int j = 0; j < P; j++)
            s += Math.Max(scale[j], floor) * v[j] * v[j];
        return Math.Sqrt(s);
    }

    /// <summary>(JᵀJ + λ D) step = Jᵀr by Cholesky; false when the damped matrix is not positive definite.</summary>
    private static bool Solve(double[] a, double[] g, double[] scale, double floor, double lambda, double[] step)
    {
        Span<double> l = stackalloc double[P * P];
        for (int j = 0; j < P; j++)
            for (int k = 0; k < P; k++)
                l[j * P + k] = a[j * P + k] + (j == k ? lambda * Math.Max(scale[j], floor) : 0);
        for (int j = 0; j < P; j++)
        {
            double d = l[j * P + j];
            for (int k = 0; k < j; k++)
                d -= l[j * P + k] * l[j * P + k];
            if (!(d > 0))
                return false;
            d = Math.Sqrt(d);
            l[j * P + j] = d;
            for (int i = j + 1; i < P; i++)
            {
                double s = l[i * P + j];
                for (int k = 0; k < j; k++)
                    s -= l[i * P + k] * l[j * P + k];
                l[i * P + j] = s / d;
            }
        }
        for (int i = 0; i < P; i++)
        {
            double s = g[i];
            for (int k = 0; k < i; k++)
                s -= l[i * P + k] * step[k];
            step[i] = s / l[i * P + i];
        }
        for (int i = P - 1; i >= 0; i--)
        {
            double s = step[i];
            for (int k = i + 1; k < P; k++)
                s -= l[k * P + i] * step[k];
            step[i] = s / l[i * P + i];
        }
        foreach (double v in step)
            if (!double.IsFinite(v))
                return false;
        return true;
    }
}
