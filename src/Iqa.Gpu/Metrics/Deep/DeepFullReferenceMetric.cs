using System.Globalization;
using Iqa.Gpu.Metrics.Options;

namespace Iqa.Gpu.Metrics.Deep;

/// <summary>
/// The metric-table rows of the deep-feature metrics: each runs its ONNX model through <see cref="DeepMetric"/>
/// on the decoded RGB images (ONNX Runtime's execution provider, whatever --accelerator says; outputs say so).
/// The model is opened in the init phase, so a missing or unusable model fails before any input is read.
/// </summary>
public sealed class DeepFullReferenceMetric : IBatchedFullReferenceMetric
{
    private static readonly int MaxThreads = 4 * Environment.ProcessorCount;

    private readonly DeepModelDescriptor _model;
    private DeepMetric? _session;

    private DeepFullReferenceMetric(DeepModelDescriptor model, MetricDescriptor descriptor)
    {
        _model = model;
        Descriptor = descriptor;
    }

    public MetricDescriptor Descriptor { get; }

    /// <summary>ONNX Runtime intra-op threads: 1 to 4x the cores (more only adds contention and memory).</summary>
    private static readonly IntegerOption Threads = new("threads", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
        1, MaxThreads, "ONNX Runtime intra-op threads");

    private static readonly IntegerOption Tile = new("tile", "auto", TiledLpips.MinimumCore, 16384,
        "Core size of tiled scoring, or auto: tile only when a pair exceeds the memory bound", automatic: "auto",
        multipleOf: TiledLpips.Alignment);

    private static readonly IntegerOption Memory = new("memory", DeepMetricOptions.DefaultMemoryMiB.ToString(CultureInfo.InvariantCulture),
        64, 1 << 20, "Working-set bound of one inference in MiB: larger pairs are scored in tiles, larger batches in smaller calls");

    /// <summary>The rows, declared after the options they share (static fields initialize in order).</summary>
    public static IReadOnlyList<MetricDescriptor> Rows { get; } = DeepModels.All.Select(Row).ToList();

    private static MetricDescriptor Row(DeepModelDescriptor model)
    {
        var modelOption = new PathOption("model", model.IsBundled ? "bundled" : "required", [model.IsBundled ? "bundled" : "required"],
            "Path of the ONNX model (export recipe in docs/deep-metrics.md)");
        MetricDescriptor? row = null;
        row = new MetricDescriptor(
            model.Name, MetricKind.FullReference, model.LowerIsBetter, "[0, inf)",
            $"{(model.Name.StartsWith("dists") ? "DISTS (Ding et al. 2020)" : "LPIPS v0.1 (Zhang et al. 2018)")}, {model.Network}; " +
            (model.IsBundled ? "bundled model" : "needs --model PATH (docs/deep-metrics.md)"),
            [model.Name], () => new DeepFullReferenceMetric(model, row!))
        {
            Reads = MetricInputs.RgbImage,
            RunsOn = [OnnxModelSession.ExecutionProvider],
            Options = model.TileHalo is null ? [modelOption, Threads, Memory] : [modelOption, Threads, Tile, Memory],
            Bounds = (0, double.PositiveInfinity),
        };
        return row;
    }

    public void Initialize(MetricContext context) => _session = Open(_model, Descriptor, context);

    /// <summary>A session of <paramref name="model"/> with the options the settings give its row (the metric's, and its map's).</summary>
    internal static DeepMetric Open(DeepModelDescriptor model, MetricDescriptor row, MetricContext context)
    {
        var settings = context.Settings;
        var modelOption = (PathOption)row.Options.Single(o => o.Name == "model");
        string path = settings.Get(row, modelOption);
        return DeepMetric.Open(model, new DeepMetricOptions
        {
            ModelPath = modelOption.IsKeyword(path) ? null : path,
            IntraOpThreads = settings.Get(row, Threads)!.Value,
            TileSize = model.TileHalo is null ? null : settings.Get(row, Tile),
            MemoryLimitBytes = (long)settings.Get(row, Memory)!.Value << 20,
            // The GPU build binds inputs prepared in the CUDA device's memory; the CPU build keeps them on the host.
            CudaDevice = OnnxModelSession.ExecutionProvider == "onnxruntime-cuda" && context.Device is Devices.Ilgpu.IlgpuDevice { Name: "cuda" } cuda
                ? cuda : null,
        });
    }

    public string? ComputedOn => _session is { IntraOpThreads: var n }
        ? $"{OnnxModelSession.ExecutionProvider} ({n} thread{(n == 1 ? "" : "s")})"
        : OnnxModelSession.ExecutionProvider;

    public void Compute(MetricInput reference, MetricInput distorted, IDictionary<string, double> scores) =>
        ComputeBatch([reference], [distorted], [scores]);

    /// <summary>Same-size pairs go through the network together (N = pairs), in as few calls as the memory bound allows.</summary>
    public void ComputeBatch(IReadOnlyList<MetricInput> references, IReadOnlyList<MetricInput> distorted,
        IReadOnlyList<IDictionary<string, double>> scores)
    {
        var session = _session ?? throw new InvalidOperationException($"{_model.Name} was not initialized");
        double[] values = session.ScoreBatch(references.Select(i => i.Image).ToList(), distorted.Select(i => i.Image).ToList());
        for (int i = 0; i < values.Length; i++)
            scores[i][_model.Name] = values[i];
    }

    public void Dispose() => _session?.Dispose();
}
