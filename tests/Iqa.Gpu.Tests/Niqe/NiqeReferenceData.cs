using Iqa.Gpu.Images;
using Iqa.Gpu.Pipelines;

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
        var header = CsvLine.Parse(lines[0]);
        int Col(string name) => header.IndexOf(name);
        return lines.Skip(1).Where(l => l.Length > 0).Select(CsvLine.Parse).Select(f => new Row(
            f[Col("file")], int.Parse(f[Col("height")]), int.Parse(f[Col("width")]),
            double.Parse(f[Col("niqe")]), double.Parse(f[Col("niqe_f64_flatzero")]),
            int.Parse(f[Col("flat7x7_px_full")]), int.Parse(f[Col("flat7x7_px_half")]), int.Parse(f[Col("n_blocks")]))).ToList();
    }
}
