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
    private readonly DeviceInput? _deviceReference, _deviceDistorted;
    private readonly Lock _gate = new();
    private TiledLpips? _tiled;
    private TimeSpan _preparation, _inference;
    private long _pairs;

    private DeepMetric(OnnxModelSession session, DeepMetricOptions options)
    {
        _session = session;
        _options = options;
        if (options.CudaDevice is { } device)
        {
            _deviceReference = new DeviceInput(device);
            _deviceDistorted = new DeviceInput(device);
        }
    }

    public DeepModelDescriptor Model => _session.Model;

    /// <summary>The model file in use.</summary>
    public string ModelPath => _session.Path;

    /// <summary>ONNX Runtime's intra-op threads.</summary>
    public int IntraOpThreads => _options.IntraOpThreads;

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
        return new DeepMetric(OnnxModelSession.Open(model, path, options.IntraOpThreads, options.CudaDevice?.Index ?? 0), options);
    }

    /// <summary>The metric for one image pair; for LPIPS and DISTS 0 means identical and larger is worse.</summary>
    /// <exception cref="IqaException">Sizes differ, an image is below the network's minimum, or inference fails.</exception>
    public double Score(DecodedImage reference, DecodedImage distorted) => ScoreBatch([reference], [distorted])[0];

    /// <summary>
    /// Scores several pairs of one size in as few ONNX Runtime calls as the memory bound allows (batch dimension N =
    /// pairs per call), or pair by pair in tiles when <see cref="DeepMetricOptions.TileSize"/> asks for it or one pair
    /// alone exceeds the bound. Memory grows with N: 24 bytes per pixel of input plus the network's activations.
    /// </summary>
    /// <exception cref="IqaException">Lists differ in length, sizes differ, an image is too small, memory would not suffice, or inference fails.</exception>
    public double[] ScoreBatch(IReadOnlyList<DecodedImage> references, IReadOnlyList<DecodedImage> distorted)
    {
        (int width, int height) = CheckBatch(references, distorted);
        int n = references.Count;
        int perCall = PairsPerCall(width, height, n);
        int? core = perCall == 0 ? TileCore(width, height) : null;
        var scores = new double[n];
        lock (_gate)
        {
            for (int first = 0; first < n; first += Math.Max(perCall, 1))
            {
                int count = Math.Min(Math.Max(perCall, 1), n - first);
                var refs = references.Skip(first).Take(count).ToList();
                var dists = distorted.Skip(first).Take(count).ToList();
                _session.CheckShape(count, height, width);
                double[] part = core is { } size ? ScoreTiled(refs, dists, size) : ScoreWhole(refs, dists, width, height);
                part.CopyTo(scores, first);
            }
            _pairs += n;
        }
        return scores;
    }

    /// <summary>
    /// LPIPS's spatial distance map of one pair, as the official <c>LPIPS(spatial=True)</c> gives it: each layer's
    /// distance map (<see cref="TiledLpips.LayerMaps"/>, in tiles when the pair exceeds the memory bound, as the score)
    /// upsampled to the image size (<see cref="BilinearUpsample"/>) and summed over layers in order. One value per
    /// pixel, row-major. It runs the network again, through the graph that exposes the layer maps.
    /// </summary>
    /// <exception cref="IqaException">Not an LPIPS model, sizes differ, an image is too small, or inference fails.</exception>
    public float[] SpatialMap(DecodedImage reference, DecodedImage distorted)
    {
        if (Model.TileHalo is null)
            throw new IqaException($"{Model.Name} has no spatial map");
        (int width, int height) = CheckBatch([reference], [distorted]);
        int core = PairsPerCall(width, height, 1) == 0 ? TileCore(width, height) : Math.Max(width, height);
        lock (_gate)
        {
            _tiled ??= TiledLpips.Open(Model, ModelPath, _options.IntraOpThreads);
            var map = new float[width * height];
            foreach (var layer in _tiled.LayerMaps(reference, distorted, core))
                BilinearUpsample.AddTo(layer.Values, layer.Width, layer.Height, map, width, height);
            return map;
        }
    }

    /// <summary>How many pairs one untiled call may hold under the memory bound (all, without a measured figure); 0 to tile.</summary>
    private int PairsPerCall(int width, int height, int n)
    {
        if (_options.TileSize is not null)
            return 0;
        if (Model.PeakBytesPerPixel is not { } perPixel)
            return n;
        return (int)Math.Min(n, _options.MemoryLimitBytes / ((long)width * height * perPixel));
    }

    private double[] ScoreWhole(IReadOnlyList<DecodedImage> references, IReadOnlyList<DecodedImage> distorted, int width, int height)
    {
        int n = references.Count;
        long started = Stopwatch.GetTimestamp();
        if (_deviceReference is null)
        {
            _reference.SetShape(n, 3, height, width);
            _distorted.SetShape(n, 3, height, width);
        }
        _scores.SetShape([n, .. Enumerable.Repeat(1L, _session.OutputRank - 1)]);
        long prepared;
        if (_deviceReference is not null && _deviceDistorted is not null)
        {
            // GPU build on a CUDA device: the batch is made in device memory and bound there.
            _deviceReference.Prepare(references, Model.InputRange);
            _deviceDistorted.Prepare(distorted, Model.InputRange);
            prepared = Stopwatch.GetTimestamp();
            _session.RunOnDevice(_deviceReference, _deviceDistorted, [n, 3, height, width], _deviceReference.Device.Index, _scores.Value);
        }
        else
        {
            int block = 3 * width * height;
            for (int i = 0; i < n; i++)
            {
                PlanarInput.Write(references[i], Model.InputRange, _reference.Data.Slice(i * block, block));
                PlanarInput.Write(distorted[i], Model.InputRange, _distorted.Data.Slice(i * block, block));
            }
            prepared = Stopwatch.GetTimestamp();
            _session.Run(_reference.Value, _distorted.Value, _scores.Value);
        }
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

    /// <summary>The tile core for pairs that can't be scored whole; throws when not even the smallest tile fits the bound.</summary>
    private int TileCore(int width, int height)
    {
        if (_options.TileSize is { } forced)
            return forced;
        long perPixel = Model.PeakBytesPerPixel!.Value, needed = (long)width * height * perPixel;
        if (Model.TileHalo is { } halo)
        {
            // Largest aligned core whose tile (core plus a halo on each side) fits the bound.
            long tileSide = (long)Math.Sqrt((double)_options.MemoryLimitBytes / perPixel);
            long core = (tileSide - 2 * halo) / TiledLpips.Alignment * TiledLpips.Alignment;
            if (core >= TiledLpips.MinimumCore)
                return (int)Math.Min(core, int.MaxValue);
        }
        throw new IqaException(
            $"{Model.Name}: a pair of {width}x{height} needs about {needed >> 20} MiB, more than the bound of "
            + $"{_options.MemoryLimitBytes >> 20} MiB ({Model.Name}.memory); raise it or downscale the images");
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
            _deviceReference?.Dispose();
            _deviceDistorted?.Dispose();
        }
    }
}
