using System.Globalization;
using Iqa.Gpu.Bench;

namespace Iqa.Cli.Output;

/// <summary>How bench figures are spelled in tables and CSV.</summary>
public static class BenchText
{
    public static string Fps(double? value) => value is { } v ? v.ToString(v >= 100 ? "0" : "0.0##", CultureInfo.InvariantCulture) : "-";

    public static string Ms(double? value) => value is { } v ? ScoreFormatting.Ms(v) : "-";

    /// <summary>Full precision, for machine-read CSV.</summary>
    public static string Number(double value) => ScoreFormatting.Text(value);

    public static string Memory(MemoryPeak? peak) => peak is null ? "-"
        : $"{peak.Bytes / (1024.0 * 1024):0.0} MiB {(peak.Measure == MemoryPeak.DeviceAllocations ? "device" : "process peak")}";

    /// <summary>The measurement's outcome in a few words: why it did not pass, or how far it was from cpu.</summary>
    public static string Outcome(BenchMeasurement m)
    {
        if (m.Error is { } error)
            return $"ERROR: {error}";
        if (m.Skipped is { } skipped)
            return $"skipped: {skipped}";
        var problems = new List<string>();
        if (m.Repeatable == false)
            problems.Add("NOT REPEATABLE: repetitions gave different scores");
        if (m.Agreement is { } agreement)
        {
            foreach (var a in agreement)
                problems.Add($"{(a.Within ? "" : "DIFFERS ")}{a.Score} {Difference(a)} {(a.Within ? "<=" : ">")} {a.Tolerance:0.##e0}");
        }
        else
            problems.Add(m.ComputedOn is { } where ? $"measured once, on {where}" : "reference");
        return string.Join("; ", problems);
    }

    public static string Difference(ScoreAgreement a) =>
        (a.Relative ? "rel " : "") + (a.MaxDifference == 0 ? "0" : a.MaxDifference.ToString("0.0e0", CultureInfo.InvariantCulture));
}
