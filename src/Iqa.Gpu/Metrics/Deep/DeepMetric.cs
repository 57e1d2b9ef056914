using System.Diagnostics;
using Iqa.Gpu.Images;

namespace Iqa.Gpu.Metrics.Deep;

/// <summary>
/// A deep-feature full-reference metric (LPIPS, DISTS) backed by one ONNX Runtime session. Open one per model and
/// reuse it: the session, its I/O binding and the input buffers live as long as this object. Calls are serialised
/// (the buffers are shared), so one instance may be used from several threads but runs one batch at a time.
/// </summary>
public sealed class DeepMetric : IDisposable
{
    private readonly OnnxModelSession _session;
    private readonly DeepMetricOptions _options;
    private readonly PinnedTensor _reference = new();
    private readonly PinnedTensor _distorted = new();
    private readonly PinnedTensor _scores = new();
    private readonly Lock _gate = new();
    private TiledLpips? _tiled;
    private TimeSpan _preparation, _inference;
    private long _pairs;

    private DeepMetric(OnnxModelSession session, DeepMetricOptions options)
    {
        _session = session;
        _options = options;
    }

    public DeepModelDescriptor Model => _session.Model;

    /// <summary>The model file in use.</summary>
    public string ModelPath => _session.Path;

    public DeepMetricTimings Timings
    {
        get { lock (_gate) return new DeepMetricTimings(_preparation, _inference, _pairs); }
    }

    /// <exception cref="IqaException">Unknown name, bad options, missing or unusable model file.</exception>
    public static DeepMetric Open(string name, DeepMetricOptions? options = null) => Open(DeepModels.Find(name), options);

    /// <exception cref="IqaException">Bad options, missing or unusable model file.</exception>
    public static DeepMetric Open(DeepModelDescriptor model, DeepMetricOptions? options = null)
    {
        options ??= new DeepMetricOptions();
        if (options.IntraOpThreads < 1)
            throw new IqaException($"intra-op threads must be at least 1, got {options.IntraOpThreads}");
        if (options.TileSize is { } tile && (model.TileHalo == null || tile < TiledLpips.MinimumCore || tile % TiledLpips.Alignment != 0))
            throw new IqaException(model.TileHalo == null
                ? $"{model.Name} cannot be scored in tiles"
                : $"tile size must be a multiple of {TiledLpips.Alignment} of at least {TiledLpips.MinimumCore}, got {tile}");
        string path = options.ModelPath ?? model.BundledPath
            ?? throw new IqaException($"{model.Name} has no bundled model: pass one with --model PATH (export recipe in docs/deep-metrics.md)");
        return new DeepMetric(OnnxModelSession.Open(model, path, options.IntraOpThreads), options);
    }

    /// <summary>The metric for one image pair; for LPIPS and DISTS 0 means identical and larger is worse.</summary>
    /// <exception cref="IqaException">Sizes differ, an image is below the network's minimum, or inference fails.</exception>
    public double Score(DecodedImage reference, DecodedImage distorted) => ScoreBatch([reference], [distorted])[0];

    /// <summary>
    /// Scores several pairs of one size in a single ONNX Runtime call (batch dimension N = number of pairs), or in
    /// tiles of N pairs each when <see cref="DeepMetricOptions.TileSize"/> or the memory limit asks for it.
    /// Memory grows with N: 24 bytes per pixel of input plus the network's activations for N images.
    /// </summary>
    /// <exception cref="IqaException">Lists differ in length, sizes differ, an image is too small, memory would not suffice, or inference fails.</exception>
    public double[] ScoreBatch(IReadOnlyList<DecodedImage> references, IReadOnlyList<DecodedImage> distorted)
    {
        (int width, int height) = CheckBatch(references, distorted);
        int n = references.Count;
        _session.CheckShape(n, height, width);
        int? core = TileCore(width, height, n);
        lock (_gate)
        {
            double[] scores = core is { } size ? ScoreTiled(references, distorted, size) : ScoreWhole(references, distorted, width, height);
            _pairs += n;
            return scores;
        }
    }

    private double[] ScoreWhole(IReadOnlyList<DecodedImage> references, IReadOnlyList<DecodedImage> distorted, int width, int height)
    {
        int n = references.Count;
        long started = Stopwatch.GetTimestamp();
        _reference.SetShape(n, 3, height, width);
        _distorted.SetShape(n, 3, height, width);
        _scores.SetShape([n, .. Enumerable.Repeat(1L, _session.OutputRank - 1)]);
        int block = 3 * width * height;
        for (int i = 0; i < n; i++)
        {
            PlanarInput.Write(references[i], Model.InputRange, _reference.Data.Slice(i * block, block));
            PlanarInput.Write(distorted[i], Model.InputRange, _distorted.Data.Slice(i * block, block));
        }
        long prepared = Stopwatch.GetTimestamp();
        _session.Run(_reference.Value, _distorted.Value, _scores.Value);
        _inference += Stopwatch.GetElapsedTime(prepared);
        _preparation += Stopwatch.GetElapsedTime(started, prepared);
        var scores = new double[n];
        for (int i = 0; i < n; i++)
            scores[i] = _scores.Data[i];
        return scores;
    }

    private double[] ScoreTiled(IReadOnlyList<DecodedImage> references, IReadOnlyList<DecodedImage> distorted, int core)
    {
        _tiled ??= TiledLpips.Open(Model, ModelPath, _options.IntraOpThreads);
        var (scores, preparation, inference) = _tiled.Score(references, distorted, core);
        _preparation += preparation;
        _inference += inference;
        return scores;
    }

    /// <summary>The tile core to use, or null to score whole images; throws when neither fits the memory limit.</summary>
    private int? TileCore(int width, int height, int n)
    {
        if (_options.TileSize is { } forced)
            return forced;
        if (Model.PeakBytesPerPixel is not { } perPixel || (long)width * height * n * perPixel <= _options.MemoryLimitBytes)
            return null;
        long needed = (long)width * height * n * perPixel;
        if (Model.TileHalo is { } halo)
        {
            // Largest aligned core whose tile (core plus a halo on each side) fits the limit.
            long tileSide = (long)Math.Sqrt((double)_options.MemoryLimitBytes / ((long)n * perPixel));
            long core = (tileSide - 2 * halo) / TiledLpips.Alignment * TiledLpips.Alignment;
            if (core >= TiledLpips.MinimumCore)
                return (int)Math.Min(core, int.MaxValue);
        }
        throw new IqaException(
            $"{Model.Name}: {n} pair(s) of {width}x{height} need about {needed >> 20} MiB, more than the limit of "
            + $"{_options.MemoryLimitBytes >> 20} MiB; score fewer pairs per call or downscale the images");
    }

    private (int Width, int Height) CheckBatch(IReadOnlyList<DecodedImage> references, IReadOnlyList<DecodedImage> distorted)
    {
        if (references.Count != distorted.Count)
            throw new IqaException($"{references.Count} reference images but {distorted.Count} distorted images");
        if (references.Count == 0)
            throw new IqaException("no image pairs to score");
        int width = references[0].Width, height = references[0].Height;
        foreach (var image in references.Concat(distorted))
            if (image.Width != width || image.Height != height)
                throw new IqaException(
                    $"{Model.Name}: all images of a batch must have the same size; found {image.Width}x{image.Height} and {width}x{height}");
        if (width < Model.MinimumSize || height < Model.MinimumSize)
            throw new IqaException(
                $"{Model.Name}: image is {width}x{height}, smaller than the {Model.Network} network's minimum of {Model.MinimumSize}x{Model.MinimumSize}");
        return (width, height);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _session.Dispose();
            _tiled?.Dispose();
            _reference.Dispose();
            _distorted.Dispose();
            _scores.Dispose();
        }
    }
}
