using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Tests.Niqe;

/// <summary>
/// <see cref="RoundedProduct"/> against .NET's IEEE multiplication, bit for bit: image samples times the MSCN
/// window's weights (what the kernel multiplies), random doubles over a wide exponent range, signs and zeros,
/// and factors with few significant bits, whose products often fall exactly halfway (ties to even).
/// </summary>
public class RoundedProductTests
{
    [Fact]
    public void Matches_ieee_multiplication()
    {
        var rng = new Random(7);
        double[] weights = [0.11739635539001349, 0.08130511451661487, 0.027008944999942323, 0.0001577586358082699];
        for (int i = 0; i < 200_000; i++)
        {
            double sample = Math.Round(rng.NextDouble() * 255);
            Check(sample, weights[i % weights.Length]);
            Check(rng.NextDouble() * 300 - 20, weights[i % weights.Length]);
            Check((rng.NextDouble() - 0.5) * Math.Pow(2, rng.Next(-200, 200)), (rng.NextDouble() - 0.5) * Math.Pow(2, rng.Next(-200, 200)));
            // Significands of up to 30 bits: the 106-bit product has many trailing zeros, hence exact ties.
            Check((1 + rng.Next(1 << 30)) * Math.Pow(2, rng.Next(-40, 10)), (1 + rng.Next(1 << 30)) * Math.Pow(2, rng.Next(-40, 10)));
        }
    }

#pragma warning disable xUnit1025 // the analyzer takes 0.0 and -0.0 for the same data; their products' signs differ
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(-0.0, 0.5)]
    [InlineData(3.0, -0.0)]
    [InlineData(1 + 1.0 / (1L << 52), 1.5)] // exactly halfway, odd: rounds up
    [InlineData(1 + 3.0 / (1L << 52), 1.5)] // exactly halfway
    [InlineData(1.9999999999999998, 1.9999999999999998)] // rounding carries into the exponent region
    public void Matches_ieee_multiplication_at_edges(double a, double b) => Check(a, b);
#pragma warning restore xUnit1025

    private static void Check(double a, double b) =>
        Assert.True(BitConverter.DoubleToInt64Bits(a * b) == BitConverter.DoubleToInt64Bits(RoundedProduct.Of(a, b)),
            $"{a:R} x {b:R}: {a * b:R} vs {RoundedProduct.Of(a, b):R}");
}
