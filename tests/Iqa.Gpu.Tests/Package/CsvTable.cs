namespace Iqa.Gpu.Tests.Package;

/// <summary>The rows of a small CSV file without quoted fields (what run-gpu-checks.sh writes), as column → value.</summary>
public static class CsvTable
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(line => (IReadOnlyDictionary<string, string>)header
            .Zip(line.Split(','), (name, value) => (name, value)).ToDictionary(p => p.name, p => p.value)).ToList();
    }
}
