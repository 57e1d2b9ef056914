using System.Diagnostics;
using Iqa.Gpu.Backends;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics;

namespace Iqa.Gpu.Scoring;

/// <summary>
/// Scores inputs with a set of metrics on one backend: decodes, checks the inputs agree, prepares the planes
/// once for every metric, and computes. Reuse one instance across many inputs (metrics and device buffers are kept).
/// </summary>
public sealed class Scorer : IDisposable
{
    private readonly IComputeBackend _backend;
    private readonly IMetric[] _metrics;
    private readonly MetricContext _context;

    /// <param name="mixed">
    /// Allow full-reference and no-reference metrics together (video: the no-reference ones judge the distorted
    /// frame); images keep them apart, since one path or two decides which kind is meant.
    /// </param>
    public Scorer(IComputeBackend backend, IEnumerable<MetricDescriptor> metrics, ScoreSettings settings,
        long maxPixels = ImageDecoder.DefaultMaxPixels, bool mixed = false)
    {
        _backend = backend;
        var descriptors = metrics.ToList();
        settings.Validate(descriptors);
        EffectiveSettings = settings.Describe(descriptors);
        _metrics = descriptors.Select(m => m.Create()).ToArray();
        _context = new MetricContext(backend, settings);
        MaxPixels = maxPixels;
        bool anyNr = _metrics.Any(m => m is INoReferenceMetric);
        bool anyFr = _metrics.Any(m => m is IFullReferenceMetric);
        if (anyNr && anyFr && !mixed)
            throw new IqaException("full-reference and no-reference metrics can't be scored together: run them separately");
        NeedsReference = anyFr;
    }

    public long MaxPixels { get; }
    public ScoreSettings Settings => _context.Settings;

    /// <summary>The settings every output records: the profile's conventions and each metric's options.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> EffectiveSettings { get; }

    private const string NeedsPair = "full-reference metrics need a reference image and a distorted image";

    /// <summary>True when the metrics compare with a reference; false when they score one image.</summary>
    public bool NeedsReference { get; }

    /// <summary>Scores a pair (full-reference metrics) or, with <paramref name="reference"/> null, one image.</summary>
    public ScoreResult Score(string? reference, string image)
    {
        var total = Stopwatch.StartNew();
        if (NeedsReference && reference is null)
            throw new IqaException(NeedsPair);
        if (!NeedsReference && reference is not null)
            throw new IqaException("no-reference metrics take one image");
        DecodedImage? refImage = null;
        DecodedImage distImage;
        if (reference is null)
            distImage = ImageDecoder.Decode(image, MaxPixels);
        else
        {
            var refTask = Task.Run(() => ImageDecoder.Decode(reference, MaxPixels));
            distImage = ImageDecoder.Decode(image, MaxPixels);
            refImage = refTask.GetAwaiter().GetResult();
        }
        double decodeMs = total.Elapsed.TotalMilliseconds;
        var scores = Compute(reference, refImage, image, distImage);
        double totalMs = total.Elapsed.TotalMilliseconds;
        return new ScoreResult(reference, image, Settings, EffectiveSettings, _backend.Name, scores,
            new Timings(decodeMs, totalMs - decodeMs, totalMs));
    }

    /// <summary>Scores already decoded images (labels name them in errors).</summary>
    public IReadOnlyDictionary<string, double> Compute(string? referenceLabel, DecodedImage? reference, string label, DecodedImage image)
    {
        var (refInput, dist) = Prepare(new Item(referenceLabel, reference, label, image));
        using (refInput)
        using (dist)
            return Compute(refInput, dist);
    }

    /// <summary>One decoded item for <see cref="ComputeMany"/>: a pair, or an image alone (reference null).</summary>
    public sealed record Item(string? ReferenceLabel, DecodedImage? Reference, string Label, DecodedImage Image);

    /// <summary>
    /// Scores several decoded items. Metrics that batch (<see cref="IBatchedFullReferenceMetric"/>) get the pairs
    /// of each size in one call; others go pair by pair. Each item gets its scores or its own error.
    /// </summary>
    public (IReadOnlyDictionary<string, double>? Scores, string? Error)[] ComputeMany(IReadOnlyList<Item> items)
    {
        var errors = new string?[items.Count];
        var scores = items.Select(_ => new Dictionary<string, double>()).ToArray();
        var inputs = new (MetricInput? Reference, MetricInput Image)?[items.Count];
        try
        {
            for (int i = 0; i < items.Count; i++)
                errors[i] = Guard(() => inputs[i] = Prepare(items[i]));
            foreach (var metric in _metrics)
            {
                var alive = Enumerable.Range(0, items.Count).Where(i => errors[i] is null).ToList();
                if (metric is IBatchedFullReferenceMetric batched)
                    foreach (var group in alive.GroupBy(i => (inputs[i]!.Value.Image.Width, inputs[i]!.Value.Image.Height)).Where(g => g.Count() > 1))
                    {
                        var members = group.ToList();
                        if (Guard(() => batched.ComputeBatch(_context, members.Select(i => inputs[i]!.Value.Reference!).ToList(),
                                members.Select(i => inputs[i]!.Value.Image).ToList(), members.Select(i => (IDictionary<string, double>)scores[i]).ToList())) is null)
                            alive.RemoveAll(members.Contains);
                    }
                foreach (int i in alive)
                    errors[i] = Guard(() => ComputeOne(metric, inputs[i]!.Value.Reference, inputs[i]!.Value.Image, scores[i]));
            }
        }
        finally
        {
            foreach (var input in inputs)
            {
                input?.Reference?.Dispose();
                input?.Image.Dispose();
            }
        }
        return items.Select((_, i) => errors[i] is null ? ((IReadOnlyDictionary<string, double>?)scores[i], (string?)null) : (null, errors[i])).ToArray();
    }

    /// <summary>Checks that the images of an item can be compared and wraps them for the metrics.</summary>
    private (MetricInput?, MetricInput) Prepare(Item item)
    {
        if (item.Reference is not null)
            CheckCompatible(item.ReferenceLabel!, item.Reference, item.Label, item.Image);
        var image = new MetricInput(item.Label, item.Image, _backend, Settings.DataRange ?? item.Image.MaxValue);
        var reference = item.Reference is null ? null
            : new MetricInput(item.ReferenceLabel!, item.Reference, _backend, Settings.DataRange ?? item.Reference.MaxValue);
        return (reference, image);
    }

    /// <summary>Runs one item's step; its failure becomes that item's error (unexpected ones say so).</summary>
    private static string? Guard(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (IqaException e)
        {
            return e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"internal error: {e.GetType().Name}: {e.Message}";
        }
    }

    /// <summary>Scores prepared inputs (a pair, or one image when <paramref name="reference"/> is null).</summary>
    public IReadOnlyDictionary<string, double> Compute(MetricInput? reference, MetricInput image)
    {
        if (NeedsReference && reference is null)
            throw new IqaException(NeedsPair);
        var scores = new Dictionary<string, double>();
        foreach (var metric in _metrics)
            ComputeOne(metric, reference, image, scores);
        return scores;
    }

    private void ComputeOne(IMetric metric, MetricInput? reference, MetricInput image, IDictionary<string, double> scores)
    {
        switch (metric)
        {
            case IFullReferenceMetric fr:
                fr.Compute(_context, reference ?? throw new IqaException(NeedsPair),
                    image, scores);
                break;
            case INoReferenceMetric nr:
                nr.Compute(_context, image, scores);
                break;
        }
    }

    private void CheckCompatible(string refLabel, DecodedImage reference, string distLabel, DecodedImage dist)
    {
        if (reference.Width != dist.Width || reference.Height != dist.Height)
            throw new IqaException(
                $"{distLabel}: size {dist.Width}x{dist.Height} differs from the reference {refLabel} ({reference.Width}x{reference.Height})");
        if (reference.BitDepth != dist.BitDepth && Settings.DataRange is null)
            throw new IqaException(
                $"{distLabel}: {dist.BitDepth}-bit differs from the reference {refLabel} ({reference.BitDepth}-bit); give --data-range to compare them");
        // Gray inputs are used as stored. For gray and luma that equals converting R = G = B (the weights sum to 1),
        // but y would put one image on the studio range and the other not, and rgb needs three planes on both sides.
        if (Settings.Color is ColorMode.Rgb or ColorMode.Y && reference.ColorBands != dist.ColorBands)
            throw new IqaException(
                $"{distLabel}: {(dist.ColorBands == 3 ? "RGB" : "gray")} while the reference {refLabel} is {(reference.ColorBands == 3 ? "RGB" : "gray")}; --color {Settings.Color.Name()} needs both alike");
    }

    public void Dispose()
    {
        foreach (var m in _metrics)
            m.Dispose();
    }
}
