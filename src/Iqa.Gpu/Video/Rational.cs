using System.Globalization;

namespace Iqa.Gpu.Video;

/// <summary>A ratio as stored in a stream header (frame rate, pixel aspect), kept exact.</summary>
public readonly record struct Rational(int Numerator, int Denominator)
{
    public double Value => (double)Numerator / Denominator;

    /// <summary>"25" for whole numbers, else "29.97 (30000:1001)".</summary>
    public string Describe() => Denominator == 1
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : $"{Value.ToString("0.###", CultureInfo.InvariantCulture)} ({this})";

    public override string ToString() => $"{Numerator}:{Denominator}";
}
