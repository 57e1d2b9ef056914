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
    private readonly PinnedTensor _reference = new();
    private readonly PinnedTensor _distorted = new();
    private readonly PinnedTensor _scores = new();
    private readonly Lock _gate = new();
    private TimeSpan _preparation, _inference;
    private long _pairs;

    private readonly long _memoryLimit;

    private DeepMetric(OnnxModelSession session, long memoryLimit)
    {
        _session = session;
        _memoryLimit = memoryLimit;
    }

    public DeepModelDescriptor Model => _session.Model;

    /// <summary>The model file in use.</summary>
    public string ModelPath => _session.Path;

    public DeepMetricTimings Timings
    {
        get { lock (_gate) return new DeepMetricTimings(_preparation, _inference, _pairs); }
    }

    /// <exception cref="IqaException">Unknown name, missing or unusable model file.</exception>
    public static DeepMetric Open(string name, DeepMetricOptions? options = null) => Open(DeepModels.Find(name), options);

    /// <exception cref="IqaException">Missing or unusable model file.</exception>
    public static DeepMetric Open(DeepModelDescriptor model, DeepMetricOptions? options = null)
    {
        options ??= new DeepMetricOptions();
        if (options.IntraOpThreads < 1)
            throw new IqaException($"intra-op threads must be at least 1, got {options.IntraOpThreads}");
        string path = options.ModelPath
            ?? (model.BundledFile is { } file
                ? Path.Combine(AppContext.BaseDirectory, "models", file)
                : throw new IqaException($"{model.Name} has no bundled model: pass one with --model PATH (export recipe in docs/deep-metrics.md)"));
        return new DeepMetric(OnnxModelSession.Open(model, path, options.IntraOpThreads), options.MemoryLimitBytes);
    }

    /// <summary>The metric for one image pair; for LPIPS and DISTS 0 means identical and larger is worse.</summary>
    /// <exception cref="IqaException">Sizes differ, an image is below the network's minimum, or inference fails.</exception>
    public double Score(DecodedImage reference, DecodedImage distorted) => ScoreBatch([reference], [distorted])[0];

    /// <summary>
    /// Scores several pairs of one size in a single ONNX Runtime call (batch dimension N = number of pairs).
    /// Memory grows with N: about 2 x 12 bytes per pixel of input plus the network's activations for N images.
    /// </summary>
    /// <exception cref="IqaException">Lists differ in length, sizes differ, an image is too small, or inference fails.</exception>
    public double[] ScoreBatch(IReadOnlyList<DecodedImage> references, IReadOnlyList<DecodedImage> distorted)
    {
        (int width, int height) = CheckBatch(references, distorted);
        int n = references.Count;
        _session.CheckShape(n, height, width);
        lock (_gate)
        {
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
            long done = Stopwatch.GetTimestamp();
            _preparation += Stopwatch.GetElapsedTime(started, prepared);
            _inference += Stopwatch.GetElapsedTime(prepared, done);
            _pairs += n;
            var scores = new double[n];
            for (int i = 0; i < n; i++)
                scores[i] = _scores.Data[i];
            return scores;
        }
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
        long pixels = (long)width * height * references.Count;
        if (pixels * 3 > Array.MaxLength)
            throw new IqaException($"{Model.Name}: {references.Count} pairs of {width}x{height} are too many for one call; score fewer at a time");
        if (pixels * Model.PeakBytesPerPixel > _memoryLimit)
            throw new IqaException(
                $"{Model.Name}: {references.Count} pair(s) of {width}x{height} need about {pixels * Model.PeakBytesPerPixel / (1 << 20)} MiB, "
                + $"more than the limit of {_memoryLimit / (1 << 20)} MiB; score fewer pairs per call or downscale the images");
        return (width, height);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _session.Dispose();
            _reference.Dispose();
            _distorted.Dispose();
            _scores.Dispose();
        }
    }
}
