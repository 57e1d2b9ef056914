namespace Iqa.Gpu.Kernels;

/// <summary>The per-pixel formulas of GMSD, shared by its kernels and its CPU path.</summary>
public static class GmsdMath
{
    /// <summary>GMSD.m's stability constant T = 170, for data on the 0..255 scale.</summary>
    public const float T = 170f;

    public static float Magnitude(float ix, float iy) => MathF.Sqrt(ix * ix + iy * iy);

    /// <summary>
    /// 1 − (2 g1 g2 + T) / (g1² + g2² + T), written as (g1 − g2)² / (g1² + g2² + T): algebraically equal, and exact
    /// to float precision where GMS itself would round to 1.
    /// </summary>
    public static float Deviation(float g1, float g2, float t)
    {
        float d = g1 - g2;
        return d * d / (g1 * g1 + g2 * g2 + t);
    }
}
