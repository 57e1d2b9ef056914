using Iqa.Gpu.Devices;

namespace Iqa.Gpu.Bench;

/// <summary>
/// Work <c>iqa bench</c> measures on each device: a metric of the registry (<see cref="MetricWorkload"/>), or any
/// other computation on frame pairs that names the numbers it produces, so devices can be checked against cpu.
/// </summary>
public interface IBenchWorkload
{
    /// <summary>The name <c>--metric</c> selects it by.</summary>
    string Name { get; }

    /// <summary>False for work that runs elsewhere whatever the device (ONNX Runtime): it is measured once.</summary>
    bool ComputesOnDevice { get; }

    /// <summary>How far a device's numbers may be from the cpu device's.</summary>
    AgreementTolerance Tolerance { get; }

    /// <summary>Makes the work ready on <paramref name="device"/>: options, models, kernels compiled.</summary>
    /// <exception cref="IqaException">It can't run there, or an option or model is invalid.</exception>
    IBenchSession Open(IComputeDevice device);
}

/// <summary>A workload made ready on one device.</summary>
public interface IBenchSession : IDisposable
{
    /// <summary>Where the work runs when not on the device (e.g. <c>onnxruntime-cpu (2 threads)</c>); else null.</summary>
    string? ComputedOn { get; }

    /// <summary>
    /// Everything the work reads from one frame pair, prepared (colour conversion) and on the device (upload finished).
    /// </summary>
    IPreparedFrame Prepare(BenchFramePair pair);
}

/// <summary>One frame pair resident on a device, computed as often as asked; disposing releases its device memory.</summary>
public interface IPreparedFrame : IDisposable
{
    /// <summary>The numbers, read back to the host.</summary>
    IReadOnlyDictionary<string, double> Compute();
}
