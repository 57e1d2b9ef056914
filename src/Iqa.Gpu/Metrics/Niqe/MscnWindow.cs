namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// The MSCN window of <c>computequality.m</c>: <c>fspecial('gaussian',7,7/6)</c>, normalised to sum 1.
/// </summary>
internal static class MscnWindow
{
    public const int Radius = 3;
    public const int Size = 2 * Radius + 1;
    private const double Sigma = 7.0 / 6.0;

    /// <summary>
    /// Entry [|dy|, |dx|] of the window, bit for bit as MATLAB's fspecial produces it (the
    /// <c>gaussian_window</c> shipped with the release-derived BasicSR model data). Evaluating
    /// exp(−(x²+y²)/(2σ²))/Σ here would differ in the last bit of most entries, and the last bits decide the
    /// sign of the rounding residue of I − μ where that difference is exactly 0 (see <see cref="Mscn"/>).
    /// </summary>
    private static readonly double[,] Quadrant =
    {
        { 0.11739635539001349, 0.08130511451661487, 0.027008944999942323, 0.004303520521060793 },
        { 0.08130511451661487, 0.05630942821519818, 0.01870556678610541, 0.0029804862989742742 },
        { 0.027008944999942323, 0.01870556678610541, 0.006213848015864077, 0.0009900950389243662 },
        { 0.004303520521060793, 0.0029804862989742742, 0.0009900950389243662, 0.0001577586358082699 },
    };

    /// <summary>The 7×7 window, row-major.</summary>
    public static double[] Window2D { get; } = Build2D();

    /// <summary>
    /// The normalised 1-D factor g with window = g·gᵀ up to rounding; the vectorized path filters separably
    /// with it.
    /// </summary>
    public static double[] Window1D { get; } = Build1D();

    private static double[] Build2D()
    {
        var h = new double[Size * Size];
        for (int dy = -Radius; dy <= Radius; dy++)
            for (int dx = -Radius; dx <= Radius; dx++)
                h[(dy + Radius) * Size + dx + Radius] = Quadrant[Math.Abs(dy), Math.Abs(dx)];
        return h;
    }

    private static double[] Build1D()
    {
        var g = new double[Size];
        double sum = 0;
        for (int x = -Radius; x <= Radius; x++)
            sum += g[x + Radius] = Math.Exp(-(x * x) / (2 * Sigma * Sigma));
        for (int i = 0; i < g.Length; i++)
            g[i] /= sum;
        return g;
    }
}
