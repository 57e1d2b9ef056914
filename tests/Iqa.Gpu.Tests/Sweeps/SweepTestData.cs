using System.Text.Json;

namespace Iqa.Gpu.Tests.Sweeps;

/// <summary>tests/Iqa.Gpu.Tests/TestData/sweep: scipy's reference values and the dataset fixtures (each with its script).</summary>
public static class SweepTestData
{
    public static string Path(params string[] parts) => TestPaths.Repo(["tests", "Iqa.Gpu.Tests", "TestData", "sweep", .. parts]);

    public static JsonElement StatsReference { get; } = JsonDocument.Parse(File.ReadAllText(Path("stats_reference.json"))).RootElement;

    /// <summary>A number written by make_stats_reference.py: null for nan, "inf"/"-inf" strings for infinities.</summary>
    public static double? Number(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => e.GetString() == "inf" ? double.PositiveInfinity : double.NegativeInfinity,
        _ => e.GetDouble(),
    };

    public static double[] Numbers(JsonElement e) => e.EnumerateArray().Select(v => Number(v)!.Value).ToArray();

    /// <summary>The named entries of one section, for theory data.</summary>
    public static TheoryData<string> Names(string section)
    {
        var data = new TheoryData<string>();
        foreach (var c in StatsReference.GetProperty(section).EnumerateArray())
            data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    public static JsonElement Case(string section, string name) =>
        StatsReference.GetProperty(section).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
}
