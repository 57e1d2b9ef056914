namespace Iqa.Gpu.Metrics;

/// <summary>A metric plug-in: created once per scoring session, computed per input, disposed at the end.</summary>
public interface IMetric : IDisposable
{
    MetricDescriptor Descriptor { get; }

    /// <summary>Stateless metrics hold nothing to release.</summary>
    void IDisposable.Dispose() { }
}

/// <summary>A metric comparing a distorted image with its reference.</summary>
public interface IFullReferenceMetric : IMetric
{
    /// <summary>Adds this metric's scores for one pair to <paramref name="scores"/>.</summary>
    void Compute(MetricContext context, MetricInput reference, MetricInput distorted, IDictionary<string, double> scores);
}

/// <summary>A metric judging one image alone.</summary>
public interface INoReferenceMetric : IMetric
{
    void Compute(MetricContext context, MetricInput image, IDictionary<string, double> scores);
}

/// <summary>
/// A full-reference metric that scores several pairs of one size in one call (one ONNX Runtime batch, say).
/// The batch pipeline groups same-size pairs for it; a failing group is retried pair by pair.
/// </summary>
public interface IBatchedFullReferenceMetric : IFullReferenceMetric
{
    void ComputeBatch(MetricContext context, IReadOnlyList<MetricInput> references, IReadOnlyList<MetricInput> distorted,
        IReadOnlyList<IDictionary<string, double>> scores);
}
