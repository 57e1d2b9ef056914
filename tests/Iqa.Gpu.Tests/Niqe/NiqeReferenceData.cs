using Iqa.Gpu.Images;

namespace Iqa.Gpu.Tests.Niqe;

/// <summary>Rows of refdata/niqe_ref/niqe_reference_values.csv and the gray planes they describe.</summary>
public static class NiqeReferenceData
{
    public sealed record Row(string File, int Height, int Width, double Niqe, double NiqeF64FlatZero, int FlatPixelsFull, int FlatPixelsHalf, int Blocks)
    {
        public override string ToString() => File;
    }

    public static IReadOnlyList<Row> Rows { get; } = Load();

    public static Row Get(string file) => Rows.Single(r => r.File == file);

    public static Plane Gray(string file) =>
        ColorConversion.ToPlanes(ImageDecoder.Decode(TestPaths.RefData(file)), ColorMode.Gray, 1.0, 0.0)[0];

    private static List<Row> Load()
    {
        var lines = File.ReadAllLines(TestPaths.RefData("niqe_ref", "niqe_reference_values.csv"));
        var header = SplitCsv(lines[0]);
        int Col(string name) => Array.IndexOf(header, name);
        return lines.Skip(1).Where(l => l.Length > 0).Select(SplitCsv).Select(f => new Row(
            f[Col("file")], int.Parse(f[Col("height")]), int.Parse(f[Col("width")]),
            double.Parse(f[Col("niqe")]), double.Parse(f[Col("niqe_f64_flatzero")]),
            int.Parse(f[Col("flat7x7_px_full")]), int.Parse(f[Col("flat7x7_px_half")]), int.Parse(f[Col("n_blocks")]))).ToList();
    }

    /// <summary>Splits one CSV line; fields may be double-quoted (the note column holds commas).</summary>
    private static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    current.Append(line[++i]);
                else if (c == '"')
                    quoted = false;
                else
                    current.Append(c);
            }
            else if (c == '"')
                quoted = true;
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
                current.Append(c);
        }
        fields.Add(current.ToString());
        return fields.ToArray();
    }
}
