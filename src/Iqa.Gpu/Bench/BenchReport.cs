namespace Iqa.Gpu.Bench;

/// <summary>
/// Everything one <c>iqa bench</c> run measured, with what a comparison across machines needs: the machine, each
/// device, the conventions and the timing rules. Field names carry their units (<c>_ms</c>, <c>_bytes</c>, <c>_mhz</c>).
/// </summary>
public sealed record BenchReport(
    string Format,
    int FormatVersion,
    MachineFacts Machine,
    BenchTiming Timing,
    string Profile,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyList<DeviceFacts> Devices,
    IReadOnlyList<BenchMeasurement> Measurements)
{
    /// <summary>The name every report file carries in <c>format</c>.</summary>
    public const string FormatName = "iqa-bench";

    /// <summary>Raised when a field changes meaning; files of another version are refused by <c>--compare</c>.</summary>
    public const int CurrentVersion = 1;

    /// <summary>True when every measurement ran, repeated its scores exactly and agreed with the cpu device.</summary>
    public bool Passed => Measurements.All(m => m.Passed);
}

/// <summary>
/// One workload on one device at one frame size. A measurement that could not run has <see cref="Error"/>; one left
/// out on purpose (a frame too large for the simulator) has <see cref="Skipped"/>; the figures are null then.
/// </summary>
/// <param name="Accelerator">The device as named on the command line (cpu, ilgpu-cpu, cuda:0, ...).</param>
/// <param name="Size">Frame size, <c>WIDTHxHEIGHT</c>.</param>
/// <param name="Frames">Distinct frame pairs, resident together on the device in the resident mode.</param>
public sealed record BenchMeasurement(string Accelerator, string Workload, string Size, int Frames)
{
    /// <summary>Where the work ran when not on the accelerator (ONNX Runtime); such a workload is measured once.</summary>
    public string? ComputedOn { get; init; }

    public string? Skipped { get; init; }

    public string? Error { get; init; }

    /// <summary>How it was measured when not as <see cref="BenchTiming"/> says by default (one repetition, and why).</summary>
    public string? Note { get; init; }

    /// <summary>Making the workload ready on the device: options, models, and kernels compiled (included).</summary>
    public double? InitMs { get; init; }

    /// <summary>First-use kernel compilation on the device (<c>IlgpuDevice.Compilations</c>); 0 on cpu.</summary>
    public double? CompileMs { get; init; }

    public int? KernelsCompiled { get; init; }

    /// <summary>Inputs prepared and uploaded once, then the computation repeated (read-back included).</summary>
    public Throughput? Resident { get; init; }

    /// <summary>A host frame in, the scores out: colour conversion, upload, compute, read-back.</summary>
    public Throughput? EndToEnd { get; init; }

    /// <summary>Reading and decoding one frame pair from files (<c>--input</c>); null for generated frames.</summary>
    public double? DecodeMs { get; init; }

    /// <summary>The end-to-end mode's preparation: colour conversion and upload, per frame pair.</summary>
    public double? PrepareUploadMs { get; init; }

    /// <summary>The end-to-end mode's computation, read-back included, per frame pair.</summary>
    public double? ComputeMs { get; init; }

    public MemoryPeak? PeakMemory { get; init; }

    /// <summary>Whether every repetition gave bit-identical scores for the same frame pair.</summary>
    public bool? Repeatable { get; init; }

    /// <summary>Per score, the largest difference from the cpu device over the frames; null on cpu itself.</summary>
    public IReadOnlyList<ScoreAgreement>? Agreement { get; init; }

    /// <summary>Skipped measurements pass; others must run, repeat exactly and agree.</summary>
    public bool Passed => Error is null && Repeatable != false && (Agreement?.All(a => a.Within) ?? true);
}

/// <summary>Repetitions of one mode and the time they took.</summary>
public sealed record Throughput(int Repetitions, double Seconds)
{
    public double FramesPerSecond => Seconds > 0 ? Repetitions / Seconds : 0;

    public double MsPerFrame => Repetitions > 0 ? 1000 * Seconds / Repetitions : 0;
}

/// <summary>The most memory held during a measurement, and what was measured.</summary>
/// <param name="Measure">
/// <see cref="DeviceAllocations"/>: bytes the device allocated (pooled buffers and constants, from a fresh device);
/// <see cref="ProcessPeakWorkingSet"/>: the process's peak resident memory since it started (cpu, and work off the device).
/// </param>
public sealed record MemoryPeak(long Bytes, string Measure)
{
    public const string DeviceAllocations = "device-allocations";
    public const string ProcessPeakWorkingSet = "process-peak-working-set";
}

/// <summary>One score's largest difference from the cpu device's over the frames, and the tolerance it is held to.</summary>
public sealed record ScoreAgreement(string Score, double MaxDifference, double Tolerance, bool Relative)
{
    public bool Within => MaxDifference <= Tolerance;
}
