using Iqa.Gpu.Metrics.Niqe;

namespace Iqa.Gpu.Tests.Niqe;

public class SymmetricPseudoInverseTests
{
    /// <summary>A random 36×36 orthogonal matrix (eigenvectors of a random symmetric matrix) and A = Q·diag(λ)·Qᵀ.</summary>
    private static (double[,] A, double[,] Q) Build(double[] lambda, int seed)
    {
        var rng = new Random(seed);
        int n = lambda.Length;
        var s = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++)
                s[i, j] = s[j, i] = rng.NextDouble() - 0.5;
        var q = SymmetricPseudoInverse.Eigen(s).Vectors;
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++)
                    a[i, j] += q[i, k] * lambda[k] * q[j, k];
        return (a, q);
    }

    [Fact]
    public void Eigen_reconstructs_the_matrix_with_orthonormal_vectors()
    {
        var lambda = Enumerable.Range(0, 36).Select(i => Math.Pow(10, -i / 6.0)).ToArray();
        var (a, _) = Build(lambda, 1);
        var (values, v) = SymmetricPseudoInverse.Eigen(a);
        for (int i = 0; i < 36; i++)
            for (int j = 0; j < 36; j++)
            {
                double rec = 0, dot = 0;
                for (int k = 0; k < 36; k++)
                {
                    rec += v[i, k] * values[k] * v[j, k];
                    dot += v[k, i] * v[k, j];
                }
                // Each of the few thousand rotations costs about an ulp.
                Assert.True(Math.Abs(rec - a[i, j]) <= 1e-13, $"A[{i},{j}] off by {rec - a[i, j]:E2}");
                Assert.True(Math.Abs(dot - (i == j ? 1 : 0)) <= 1e-13, $"VᵀV[{i},{j}] off by {dot - (i == j ? 1 : 0):E2}");
            }
    }

    [Fact]
    public void Quadratic_form_of_an_invertible_matrix_matches_the_exact_value()
    {
        var lambda = Enumerable.Range(0, 36).Select(i => 0.01 + i * 0.3).ToArray();
        var (a, q) = Build(lambda, 2);
        var rng = new Random(5);
        var d = Enumerable.Range(0, 36).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double expected = Enumerable.Range(0, 36).Sum(k =>
        {
            double p = Enumerable.Range(0, 36).Sum(i => q[i, k] * d[i]);
            return p * p / lambda[k];
        });
        Assert.Equal(expected, SymmetricPseudoInverse.QuadraticForm(a, d), expected * 1e-12);
    }

    [Fact]
    public void Singular_directions_are_dropped_like_MATLABs_pinv()
    {
        // Rank 30: the component of d along the null space must not contribute (pinv, not inv).
        var lambda = Enumerable.Range(0, 36).Select(i => i < 30 ? 1.0 + i : 0.0).ToArray();
        var (a, q) = Build(lambda, 3);
        var d = new double[36];
        for (int i = 0; i < 36; i++)
            d[i] = 2 * q[i, 0] + 5 * q[i, 33]; // 2 along λ = 1, 5 along a null direction
        Assert.Equal(4.0, SymmetricPseudoInverse.QuadraticForm(a, d), 1e-12);
    }
}
