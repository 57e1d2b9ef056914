using Iqa.Gpu.Bench;

namespace Iqa.Cli.Output;

/// <summary>A bench run as a table (with the machine, devices and timing rules above it) or as CSV (one row per measurement).</summary>
public static class BenchReportText
{
    public static void WriteTable(TextWriter output, BenchReport report)
    {
        var m = report.Machine;
        output.WriteLine($"iqa {m.IqaVersion}, {m.DotnetVersion}, {m.Os} {m.Architecture}, ILGPU {m.IlgpuVersion}");
        output.WriteLine($"machine: {m.CpuModel}, {m.CpuThreads} threads ({m.ProcessorCount} usable), {m.MemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB; " +
                         $"load average {m.LoadAverage ?? "unknown"} at start, {m.LoadAverageEnd ?? "unknown"} at end; {m.Date}");
        output.WriteLine($"profile {report.Profile}: {string.Join(", ", report.Settings.Select(kv => $"{kv.Key}={kv.Value}"))}");
        var t = report.Timing;
        output.WriteLine($"timing: a warm-up pass over the frames, then each mode repeated at least {t.MinRepetitions} times and {t.MinSeconds} s; " +
                         $"{BenchRunner.Simulator}: once, frames up to {t.SimulatorMaxPixels} pixels");
        foreach (var d in report.Devices)
            output.WriteLine($"device {d.Accelerator}: {d.Description}{GpuFacts(d)}");
        output.WriteLine();
        TextTable.Write(output,
        [
            ["accelerator", "metric", "size", "frames", "resident fps", "end-to-end fps", "decode ms", "prepare+upload ms", "compute ms",
             "compile ms", "peak memory", "agreement with cpu"],
            .. report.Measurements.Select(r => new[]
            {
                r.Accelerator, r.Workload, r.Size, r.Frames.ToString(), BenchText.Fps(r.Resident?.FramesPerSecond),
                BenchText.Fps(r.EndToEnd?.FramesPerSecond), BenchText.Ms(r.DecodeMs), BenchText.Ms(r.PrepareUploadMs),
                BenchText.Ms(r.ComputeMs), BenchText.Ms(r.CompileMs), BenchText.Memory(r.PeakMemory), BenchText.Outcome(r),
            }),
        ]);
        var notes = report.Measurements.Where(r => r.Note is not null).Select(r => r.Note!).Distinct().ToList();
        foreach (string note in notes)
            output.WriteLine($"note: {note}");
    }

    private static readonly string[] CsvColumns =
    [
        "accelerator", "metric", "size", "frames", "computed_on", "resident_fps", "resident_repetitions", "end_to_end_fps",
        "end_to_end_repetitions", "decode_ms", "prepare_upload_ms", "compute_ms", "init_ms", "compile_ms", "kernels_compiled",
        "peak_memory_bytes", "peak_memory_measure", "repeatable", "max_difference", "passed", "skipped", "error", "note",
    ];

    public static void WriteCsv(TextWriter output, BenchReport report)
    {
        output.WriteLine(string.Join(",", CsvColumns));
        foreach (var r in report.Measurements)
        {
            string[] cells =
            [
                r.Accelerator, r.Workload, r.Size, r.Frames.ToString(), r.ComputedOn ?? "", Number(r.Resident?.FramesPerSecond),
                r.Resident?.Repetitions.ToString() ?? "", Number(r.EndToEnd?.FramesPerSecond), r.EndToEnd?.Repetitions.ToString() ?? "",
                Number(r.DecodeMs), Number(r.PrepareUploadMs), Number(r.ComputeMs), Number(r.InitMs), Number(r.CompileMs),
                r.KernelsCompiled?.ToString() ?? "", r.PeakMemory?.Bytes.ToString() ?? "", r.PeakMemory?.Measure ?? "",
                r.Repeatable is { } repeatable ? (repeatable ? "true" : "false") : "",
                string.Join(";", (r.Agreement ?? []).Select(a => $"{a.Score}={BenchText.Number(a.MaxDifference)}")),
                r.Passed ? "true" : "false", r.Skipped ?? "", r.Error ?? "", r.Note ?? "",
            ];
            output.WriteLine(string.Join(",", cells.Select(Csv.Escape)));
        }
    }

    private static string Number(double? value) => value is { } v ? BenchText.Number(v) : "";

    private static string GpuFacts(DeviceFacts d)
    {
        var facts = new List<string>();
        if (d.ComputeCapability is { } cc)
            facts.Add(d.Kind == "cuda" ? $"compute capability {cc}" : cc);
        if (d.DriverVersion is { } driver)
            facts.Add($"driver {driver}");
        if (d.Multiprocessors is { } mp && d.IlgpuVersion is not null)
            facts.Add($"{mp} multiprocessors");
        if (d.ClockMhz is { } clock)
            facts.Add($"{clock} MHz");
        if (d.MemoryClockMhz is { } memoryClock)
            facts.Add($"memory {memoryClock} MHz x {d.MemoryBusWidthBits} bits");
        return facts.Count == 0 ? "" : $" ({string.Join(", ", facts)})";
    }
}
