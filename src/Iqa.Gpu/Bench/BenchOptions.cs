using Iqa.Gpu.Devices;
using Iqa.Gpu.Metrics;

namespace Iqa.Gpu.Bench;

/// <summary>What a bench run measures, and how.</summary>
public sealed record BenchOptions
{
    /// <summary>Device names (<see cref="DeviceFactory"/>'s: cpu, ilgpu-cpu, cuda, cuda:1, opencl, ...).</summary>
    public required IReadOnlyList<string> Accelerators { get; init; }

    /// <summary>Workload names (<see cref="BenchWorkloads"/>).</summary>
    public required IReadOnlyList<string> Workloads { get; init; }

    public required IReadOnlyList<BenchFrameSet> FrameSets { get; init; }

    /// <summary>The conventions the metrics use (the default profile's unless given).</summary>
    public ScoreSettings Settings { get; init; } = Profiles.Resolve(null, null, null, null);

    public BenchTiming Timing { get; init; } = new();

    /// <summary>
    /// Makes a device from its name; called once per name to check it and record its facts, then once per
    /// measurement (each starts on a fresh device: its own kernel compilations and memory peak).
    /// </summary>
    public Func<string, IComputeDevice> CreateDevice { get; init; } = DeviceFactory.Create;

    /// <summary>Told what is about to be measured (one line each), e.g. for a progress display.</summary>
    public Action<string>? Progress { get; init; }
}
