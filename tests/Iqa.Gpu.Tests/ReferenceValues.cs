using System.Globalization;

namespace Iqa.Gpu.Tests;

/// <summary>Rows of ../shared/refdata/synthetic/reference_values.csv (columns explained in the refdata README).</summary>
public sealed record ReferenceRow(string Set, string RefPath, string DistPath, string Distortion, IReadOnlyDictionary<string, double> Values)
{
    public override string ToString() => $"{Set}:{Path.GetFileName(DistPath)}";

    public static IReadOnlyList<ReferenceRow> Load()
    {
        var lines = File.ReadAllLines(TestPaths.RefData("synthetic", "reference_values.csv"));
        var header = lines[0].Split(',');
        var rows = new List<ReferenceRow>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = line.Split(',');
            var values = new Dictionary<string, double>();
            for (int i = 7; i < header.Length; i++)
                values[header[i]] = cells[i] == "inf" ? double.PositiveInfinity : double.Parse(cells[i], CultureInfo.InvariantCulture);
            string dir = cells[0] == "synthetic" ? TestPaths.RefData("synthetic") : TestPaths.RefData(cells[0]);
            rows.Add(new ReferenceRow(cells[0], Path.Combine(dir, cells[1]), Path.Combine(dir, cells[2]), cells[3], values));
        }
        return rows;
    }
}
