using Xunit.Abstractions;

namespace Iqa.Gpu.Tests.Compat;

/// <summary>
/// Collects |expected - actual| of one column of a reference comparison, writes the largest to the test
/// output (the figures docs/compat-profiles.md quotes) and fails past the tolerance, naming the worst row.
/// </summary>
public sealed class Agreement(ITestOutputHelper output, string column, double tolerance)
{
    private double _max;
    private string _worst = "";
    private int _count;

    public void Add(double expected, double actual, string row)
    {
        _count++;
        // Equal infinities agree; a NaN agrees with nothing.
        double diff = expected == actual ? 0 : Math.Abs(expected - actual);
        if (double.IsNaN(diff))
            diff = double.PositiveInfinity;
        if (diff > _max || _count == 1)
        {
            _max = diff;
            _worst = $"{row}: expected {expected:R}, got {actual:R}";
        }
    }

    public void Check()
    {
        output.WriteLine($"{column}: max |diff| {_max:G3} over {_count} values (tolerance {tolerance:G3})");
        Assert.True(_count > 0, $"{column}: nothing compared");
        Assert.True(_max <= tolerance, $"{column}: |diff| {_max:G3} > {tolerance:G3} at {_worst}");
    }
}
