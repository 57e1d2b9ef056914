namespace Iqa.Gpu.Maps;

/// <summary>
/// One spatial map of a metric for one pair, in host memory: <see cref="Width"/> x <see cref="Height"/> float values,
/// row-major, registered to the image by <see cref="Geometry"/>.
/// </summary>
/// <param name="Metric">The metric it belongs to (<c>ssim</c>, <c>ms_ssim</c>, ...).</param>
/// <param name="Quantity">What a value is: <c>ssim</c>, <c>cs</c>, <c>squared_error</c>, <c>gms</c>, <c>lpips</c>.</param>
/// <param name="Description">One line for people: the quantity, its region and any downsampling.</param>
/// <param name="HigherIsBetter">True where 1 means identical (SSIM, CS, GMS): a value's error is then 1 − value, else the value itself.</param>
/// <param name="Scale">The MS-SSIM scale (1 to 5), else null.</param>
public sealed record QualityMap(
    string Metric,
    string Quantity,
    string Description,
    int Width,
    int Height,
    float[] Values,
    MapGeometry Geometry,
    bool HigherIsBetter,
    int? Scale = null)
{
    private (double Min, double Max, double Mean)? _summary;

    /// <summary>Smallest, largest and mean value (the mean in double, added in row-major order).</summary>
    public (double Min, double Max, double Mean) Summary => _summary ??= Summarize(Values);

    /// <summary>The error a value stands for: 1 − value where higher is better, else the value.</summary>
    public double Error(double value) => HigherIsBetter ? 1 - value : value;

    private static (double, double, double) Summarize(float[] values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        foreach (float v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            sum += v;
        }
        return (min, max, sum / values.Length);
    }
}
