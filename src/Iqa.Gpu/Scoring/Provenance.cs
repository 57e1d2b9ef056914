using Iqa.Gpu.Metrics;

namespace Iqa.Gpu.Scoring;

/// <summary>
/// What produced a set of scores, stamped on every output: the profile and the effective settings (metric options
/// included), the device, and where a metric computed elsewhere (ONNX Runtime) the place it ran.
/// </summary>
/// <param name="Accelerator">The device kind: cpu, ilgpu-cpu, cuda, opencl.</param>
/// <param name="Device">The device itself, e.g. <c>cuda:0 NVIDIA H200 (139.8 GiB)</c>.</param>
/// <param name="ComputedOn">Per metric, where it ran when not on <paramref name="Device"/>.</param>
public sealed record Provenance(
    string Profile,
    IReadOnlyList<KeyValuePair<string, string>> Settings,
    IReadOnlyList<string> Metrics,
    string Accelerator,
    string Device,
    IReadOnlyList<KeyValuePair<string, string>> ComputedOn)
{
    /// <summary>The same conventions and metrics (what decides the numbers), wherever they were computed.</summary>
    public bool SameConventions(Provenance other) =>
        Profile == other.Profile && Settings.SequenceEqual(other.Settings) && Metrics.SequenceEqual(other.Metrics);

    /// <summary>One line: <c>profile matlab (color=gray, ...)</c>.</summary>
    public string Describe() => $"profile {Profile} ({string.Join(", ", Settings.Select(kv => $"{kv.Key}={kv.Value}"))})";
}
