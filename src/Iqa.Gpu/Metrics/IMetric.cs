namespace Iqa.Gpu.Metrics;

/// <summary>
/// A metric plug-in, with libvmaf's lifecycle: created from its <see cref="MetricDescriptor"/>, initialized once
/// (<see cref="Initialize"/>: options parsed, models loaded, kernels compiled on the device) before any input is read,
/// computed per input, disposed at the end.
/// </summary>
public interface IMetric : IDisposable
{
    MetricDescriptor Descriptor { get; }

    /// <summary>Everything that can fail before the first input: invalid options, missing models, an unusable device.</summary>
    /// <exception cref="IqaException">One line for the user.</exception>
    void Initialize(MetricContext context);

    /// <summary>Where the scores are computed when not on the context's device (e.g. <c>onnxruntime-cpu (2 threads)</c>); else null.</summary>
    string? ComputedOn => null;

    /// <summary>Stateless metrics hold nothing to release.</summary>
    void IDisposable.Dispose() { }
}

/// <summary>A metric comparing a distorted image with its reference.</summary>
public interface IFullReferenceMetric : IMetric
{
    /// <summary>Adds this metric's scores for one pair to <paramref name="scores"/>.</summary>
    void Compute(MetricInput reference, MetricInput distorted, IDictionary<string, double> scores);
}

/// <summary>A metric judging one image alone.</summary>
public interface INoReferenceMetric : IMetric
{
    void Compute(MetricInput image, IDictionary<string, double> scores);
}

/// <summary>
/// A full-reference metric that scores several pairs of one size in one call (one ONNX Runtime batch, say).
/// The batch pipeline groups same-size pairs for it; a failing group is retried pair by pair.
/// </summary>
public interface IBatchedFullReferenceMetric : IFullReferenceMetric
{
    void ComputeBatch(IReadOnlyList<MetricInput> references, IReadOnlyList<MetricInput> distorted,
        IReadOnlyList<IDictionary<string, double>> scores);
}
