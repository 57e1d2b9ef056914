namespace Iqa.Gpu.Metrics.Deep;

/// <summary>Time a <see cref="DeepMetric"/> has spent since it was opened, split by stage.</summary>
/// <param name="Preparation">Writing decoded samples into the network's float input buffers.</param>
/// <param name="Inference">ONNX Runtime running the graph.</param>
/// <param name="Pairs">Image pairs scored.</param>
public readonly record struct DeepMetricTimings(TimeSpan Preparation, TimeSpan Inference, long Pairs);
