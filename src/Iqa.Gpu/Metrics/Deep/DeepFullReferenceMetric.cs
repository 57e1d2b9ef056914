using System.Globalization;

namespace Iqa.Gpu.Metrics.Deep;

/// <summary>
/// The metric-table rows of the deep-feature metrics: each runs its ONNX model through <see cref="DeepMetric"/>
/// on the decoded RGB images (ONNX Runtime's CPU execution provider, whatever --accelerator says).
/// Options: <c>model</c> (an ONNX export; required where nothing is bundled), <c>threads</c> (intra-op threads),
/// <c>tile</c> (force tiled scoring with this core size; LPIPS only).
/// </summary>
public sealed class DeepFullReferenceMetric : IBatchedFullReferenceMetric
{
    private readonly DeepModelDescriptor _model;
    private DeepMetric? _session;

    private DeepFullReferenceMetric(DeepModelDescriptor model, MetricDescriptor descriptor)
    {
        _model = model;
        Descriptor = descriptor;
    }

    public MetricDescriptor Descriptor { get; }

    public static IReadOnlyList<MetricDescriptor> Rows { get; } = DeepModels.All.Select(Row).ToList();

    private static MetricDescriptor Row(DeepModelDescriptor model)
    {
        MetricDescriptor? row = null;
        row = new MetricDescriptor(
            model.Name, MetricKind.FullReference, model.LowerIsBetter, "[0, inf)",
            $"{(model.Name.StartsWith("dists") ? "DISTS (Ding et al. 2020)" : "LPIPS v0.1 (Zhang et al. 2018)")}, {model.Network}; " +
            (model.IsBundled ? "bundled model" : "needs --model PATH (docs/deep-metrics.md)"),
            ["onnxruntime-cpu"], [model.Name], () => new DeepFullReferenceMetric(model, row!))
        {
            AcceptsPlanes = false,
            Options =
            [
                new("model", model.IsBundled ? "bundled" : "required", null, "Path of the ONNX model (export recipe in docs/deep-metrics.md)"),
                new("threads", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), null, "ONNX Runtime intra-op threads"),
                new("tile", "auto", null, "Core size of tiled scoring (a multiple of 16), or auto: tile only above the memory limit"),
            ],
        };
        return row;
    }

    public void Compute(MetricContext context, MetricInput reference, MetricInput distorted, IDictionary<string, double> scores) =>
        ComputeBatch(context, [reference], [distorted], [scores]);

    /// <summary>Same-size pairs go through the network as one batch (N = pairs).</summary>
    public void ComputeBatch(MetricContext context, IReadOnlyList<MetricInput> references, IReadOnlyList<MetricInput> distorted,
        IReadOnlyList<IDictionary<string, double>> scores)
    {
        if (references.Concat(distorted).Any(i => i.Image is null))
            throw new IqaException($"{_model.Name} scores RGB images, not video planes");
        _session ??= DeepMetric.Open(_model, Options(context.Settings));
        double[] values = _session.ScoreBatch(references.Select(i => i.Image!).ToList(), distorted.Select(i => i.Image!).ToList());
        for (int i = 0; i < values.Length; i++)
            scores[i][_model.Name] = values[i];
    }

    private DeepMetricOptions Options(ScoreSettings settings)
    {
        string model = settings.Option(Descriptor, "model");
        return new DeepMetricOptions
        {
            ModelPath = model is "bundled" or "required" ? null : model,
            IntraOpThreads = PositiveInt(settings.Option(Descriptor, "threads"), "threads"),
            TileSize = settings.Option(Descriptor, "tile") is "auto" ? null : PositiveInt(settings.Option(Descriptor, "tile"), "tile"),
        };
    }

    private int PositiveInt(string text, string option) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0
            ? v
            : throw new IqaException($"invalid {Descriptor.Name}.{option} '{text}' (a positive integer)");

    public void Dispose() => _session?.Dispose();
}
