using System.Globalization;
using System.Text.Json;

namespace Iqa.Cli.Output;

/// <summary>How scores are spelled in every output: full round-trip precision, and "inf" for infinities.</summary>
public static class ScoreFormatting
{
    public static string Text(double value) =>
        double.IsPositiveInfinity(value) ? "inf"
        : double.IsNegativeInfinity(value) ? "-inf"
        : double.IsNaN(value) ? "nan"
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>JSON has no infinity: write the string "inf" (documented), numbers otherwise.</summary>
    public static void Write(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
            json.WriteNumber(name, value);
        else
            json.WriteString(name, Text(value));
    }

    /// <summary>The inverse of <see cref="Text"/>: <c>inf</c>, <c>-inf</c>, <c>nan</c> or a number.</summary>
    public static double Parse(string text) => text switch
    {
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "nan" => double.NaN,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };

    public static string Ms(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
