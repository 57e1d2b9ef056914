namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// Moore–Penrose pseudo-inverse of a symmetric matrix, as MATLAB's <c>pinv</c> forms it: singular values
/// (here |eigenvalues|, from a cyclic Jacobi eigendecomposition in double) at or below
/// <c>max(size(A)) * eps(norm(A))</c> are treated as zero.
/// </summary>
internal static class SymmetricPseudoInverse
{
    private const int MaxSweeps = 60;

    /// <summary>dᵀ·pinv(A)·d for symmetric A (only the upper triangle is read).</summary>
    public static double QuadraticForm(double[,] a, ReadOnlySpan<double> d)
    {
        var (values, vectors) = Eigen(a);
        int n = values.Length;
        double tol = n * Eps(values.Max(Math.Abs));
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            if (Math.Abs(values[i]) <= tol)
                continue;
            double proj = 0;
            for (int k = 0; k < n; k++)
                proj += vectors[k, i] * d[k];
            sum += proj * proj / values[i];
        }
        return sum;
    }

    /// <summary>MATLAB's eps(x): the distance from |x| to the next larger double.</summary>
    public static double Eps(double x) => Math.BitIncrement(Math.Abs(x)) - Math.Abs(x);

    /// <summary>Eigenvalues and eigenvectors (columns) of symmetric A by cyclic Jacobi rotations.</summary>
    public static (double[] Values, double[,] Vectors) Eigen(double[,] a)
    {
        int n = a.GetLength(0);
        var m = new double[n, n];
        var v = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            v[i, i] = 1;
            for (int j = 0; j < n; j++)
                m[i, j] = a[Math.Min(i, j), Math.Max(i, j)];
        }
        for (int sweep = 0; sweep < MaxSweeps; sweep++)
        {
            bool rotated = false;
            for (int p = 0; p < n - 1; p++)
                for (int q = p + 1; q < n; q++)
                {
                    double apq = m[p, q];
                    // Skip entries already negligible next to both diagonal entries; an exact 0 needs no rotation.
                    if (apq == 0 || Math.Abs(apq) <= 1e-18 * Math.Sqrt(Math.Abs(m[p, p] * m[q, q])))
                        continue;
                    rotated = true;
                    double theta = (m[q, q] - m[p, p]) / (2 * apq);
                    double t = Math.Abs(theta) > 1e150
                        ? 1 / (2 * theta)
                        : Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                    Rotate(m, v, n, p, q, c, s);
                }
            if (!rotated)
                break;
        }
        var values = new double[n];
        for (int i = 0; i < n; i++)
            values[i] = m[i, i];
        return (values, v);
    }

    /// <summary>M ← JᵀMJ and V ← VJ for the rotation J in the (p, q) plane that zeroes M[p, q].</summary>
    private static void Rotate(double[,] m, double[,] v, int n, int p, int q, double c, double s)
    {
        for (int k = 0; k < n; k++)
        {
            double mkp = m[k, p], mkq = m[k, q];
            m[k, p] = c * mkp - s * mkq;
            m[k, q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < n; k++)
        {
            double mpk = m[p, k], mqk = m[q, k];
            m[p, k] = c * mpk - s * mqk;
            m[q, k] = s * mpk + c * mqk;
        }
        m[p, q] = m[q, p] = 0;
        for (int k = 0; k < n; k++)
        {
            double vkp = v[k, p], vkq = v[k, q];
            v[k, p] = c * vkp - s * vkq;
            v[k, q] = s * vkp + c * vkq;
        }
    }
}
