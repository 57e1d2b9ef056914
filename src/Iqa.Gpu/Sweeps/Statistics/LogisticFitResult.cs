namespace Iqa.Gpu.Sweeps.Statistics;

/// <summary>
/// The outcome of fitting <see cref="Logistic5"/> to (metric score, subjective score) pairs. <see cref="Parameters"/>
/// (b1..b5) is null when no start converged or the fit is undefined (<see cref="Failure"/> says why);
/// <see cref="Start"/> is the index in <see cref="LogisticFit.Starts"/> of the start that gave the fit.
/// </summary>
public sealed record LogisticFitResult(double[]? Parameters, double Sse, int Start, int Iterations, int ConvergedStarts, string? Failure)
{
    public bool Converged => Parameters != null;

    /// <summary>The scores mapped onto the subjective scale.</summary>
    public double[] Map(ReadOnlySpan<double> scores)
    {
        var b = Parameters ?? throw new InvalidOperationException("the logistic fit did not converge: " + Failure);
        var mapped = new double[scores.Length];
        for (int i = 0; i < mapped.Length; i++)
            mapped[i] = Logistic5.Evaluate(b, scores[i]);
        return mapped;
    }
}
