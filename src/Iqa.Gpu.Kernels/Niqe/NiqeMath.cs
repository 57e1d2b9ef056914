namespace Iqa.Gpu.Kernels;

/// <summary>
/// The sums <c>estimateaggdparam.m</c> (LIVE NIQE release) needs from a sample vector: squares split by sign
/// (exact zeros go to neither side, as <c>vec(vec&lt;0)</c> and <c>vec(vec&gt;0)</c> do), the sum of
/// magnitudes and the count. Shared by the NIQE kernels and the CPU paths.
/// </summary>
public struct AggdSums
{
    public double LeftSumSq, LeftCount, RightSumSq, RightCount, SumAbs, Count;

    public void Add(double v)
    {
        if (v < 0)
        {
            LeftSumSq += v * v;
            LeftCount += 1;
        }
        else if (v > 0)
        {
            RightSumSq += v * v;
            RightCount += 1;
        }
        SumAbs += Math.Abs(v);
        Count += 1;
    }
}

/// <summary>The per-pixel MSCN formula of computequality.m, shared by the NIQE kernels and the CPU paths.</summary>
public static class NiqeMath
{
    /// <summary>
    /// Bound on |I − μ| relative to |I| + 1 below which the sign of I − μ may be a rounding residue and a pixel
    /// is recomputed by the reference arithmetic (a 2-D sum in row-major order with rounded products). A
    /// separable or contracted sum is within a few ulps of the largest sample (below 1e-12 for 0..255 data),
    /// so above the bound its sign is the exact one, and every pixel whose sign rounding decides is below it.
    /// </summary>
    public const double ResidueBound = 1e-9;

    /// <summary>σ = sqrt(|E[I²] − μ²|).</summary>
    public static double Sigma(double mean, double meanSq) => Math.Sqrt(Math.Abs(meanSq - mean * mean));

    /// <summary>(I − μ)/(σ + 1), the constant 1 on the 0..255 scale.</summary>
    public static double Mscn(double pixel, double mean, double sigma) => (pixel - mean) / (sigma + 1);
}
