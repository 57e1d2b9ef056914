using Iqa.Gpu.Bench;

namespace Iqa.Cli.Output;

/// <summary>One device of one report: a column of a comparison.</summary>
/// <param name="Label">The device's name, with its report's file name when several reports are compared.</param>
/// <param name="Details">The device and the machine it was measured on, with the date and load average.</param>
public sealed record BenchColumn(string Label, string Accelerator, string Details);

/// <summary>One workload at one size in one mode: frames per second per column (null where not measured).</summary>
public sealed record BenchComparisonRow(string Workload, string Size, string Mode, IReadOnlyList<double?> FramesPerSecond);

/// <summary>
/// Reports side by side: a column per device of each report, a row per workload x size x mode (resident and
/// end-to-end frames per second). <c>iqa bench --compare</c> prints it; <c>--plot</c> draws it.
/// </summary>
public sealed record BenchComparison(IReadOnlyList<BenchColumn> Columns, IReadOnlyList<BenchComparisonRow> Rows)
{
    public static readonly IReadOnlyList<(string Name, Func<BenchMeasurement, Throughput?> Figure)> Modes =
    [
        ("resident", m => m.Resident),
        ("end-to-end", m => m.EndToEnd),
    ];

    /// <param name="reports">Each report, with its file name when it was read from one (then labels carry it).</param>
    public static BenchComparison Build(IReadOnlyList<(string? File, BenchReport Report)> reports)
    {
        var columns = new List<(BenchColumn Column, BenchReport Report)>();
        foreach (var (file, report) in reports)
        {
            var m = report.Machine;
            string machine = $"{m.CpuModel}, {m.CpuThreads} threads, {m.Date}, load {m.LoadAverage ?? "unknown"}";
            foreach (var device in report.Devices)
                columns.Add((new BenchColumn(file is null ? device.Accelerator : $"{device.Accelerator} ({Path.GetFileName(file)})",
                    device.Accelerator, $"{device.Description} on {machine}"), report));
        }
        var keys = reports.SelectMany(r => r.Report.Measurements).Select(m => (m.Workload, m.Size)).Distinct();
        var rows = keys.SelectMany(key => Modes.Select(mode => new BenchComparisonRow(key.Workload, key.Size, mode.Name,
            columns.Select(c => c.Report.Measurements
                .FirstOrDefault(m => m.Accelerator == c.Column.Accelerator && m.Workload == key.Workload && m.Size == key.Size) is { } found
                    ? mode.Figure(found)?.FramesPerSecond
                    : null).ToList()))).ToList();
        return new BenchComparison([.. columns.Select(c => c.Column)], rows);
    }

    public void WriteTable(TextWriter output)
    {
        output.WriteLine("frames per second (- where not measured):");
        TextTable.Write(output, [["metric", "size", "mode", .. Columns.Select(c => c.Label)],
            .. Rows.Select(r => (string[])[r.Workload, r.Size, r.Mode, .. r.FramesPerSecond.Select(BenchText.Fps)])]);
        output.WriteLine();
        foreach (var column in Columns)
            output.WriteLine($"{column.Label}: {column.Details}");
    }

    public void WriteCsv(TextWriter output)
    {
        output.WriteLine(string.Join(",", new[] { "metric", "size", "mode" }.Concat(Columns.Select(c => $"{c.Label} fps")).Select(Csv.Escape)));
        foreach (var r in Rows)
            output.WriteLine(string.Join(",", new[] { r.Workload, r.Size, r.Mode }.Concat(r.FramesPerSecond.Select(v => v is { } f ? BenchText.Number(f) : ""))
                .Select(Csv.Escape)));
    }
}
