using System.Diagnostics;
using System.Globalization;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics;

namespace Iqa.Gpu.Scoring;

/// <summary>
/// Scores inputs with a set of metrics on one device: creates and initializes the metrics (every option, model and
/// kernel they need, before any input is read), checks the inputs agree, prepares what the metrics read once per
/// item, computes, and refuses a score that no correct computation gives (NaN, or outside the metric's bounds).
/// Reuse one instance across many inputs (metrics and device buffers are kept).
/// </summary>
public sealed class Scorer : IDisposable
{
    private const string NeedsPair = "full-reference metrics need a reference image and a distorted image";

    private readonly IComputeDevice _device;
    private readonly IMetric[] _metrics;
    private readonly ReferenceInputs _references;
    private readonly IPairAnalysis? _analysis;
    private readonly bool _mixed;
    private readonly Func<MetricContext, IPairAnalysis>? _analysisFactory;

    /// <param name="mixed">
    /// Allow full-reference and no-reference metrics together (video: the no-reference ones judge the distorted
    /// frame); images keep them apart, since one path or two decides which kind is meant.
    /// </param>
    /// <param name="analysis">
    /// Work to run on each pair after the metrics (quality maps and regions), made once the metrics are initialized;
    /// its scores join the metrics' and its settings the provenance. The scorer disposes it.
    /// </param>
    /// <exception cref="IqaException">An invalid option, a model that can't be loaded, a metric that can't run here.</exception>
    public Scorer(IComputeDevice device, IEnumerable<MetricDescriptor> metrics, ScoreSettings settings,
        long maxPixels = ImageDecoder.DefaultMaxPixels, bool mixed = false, Func<MetricContext, IPairAnalysis>? analysis = null)
    {
        _device = device;
        _references = new ReferenceInputs((label, image) => Input(label, image));
        _mixed = mixed;
        _analysisFactory = analysis;
        Settings = settings;
        MaxPixels = maxPixels;
        var descriptors = metrics.ToList();
        settings.Validate(descriptors);
        bool anyNr = descriptors.Any(m => m.Kind == MetricKind.NoReference);
        NeedsReference = descriptors.Any(m => m.Kind == MetricKind.FullReference);
        if (anyNr && NeedsReference && !mixed)
            throw new IqaException("full-reference and no-reference metrics can't be scored together: run them separately");
        var created = new List<IMetric>();
        try
        {
            var context = new MetricContext(device, settings);
            foreach (var descriptor in descriptors)
            {
                var metric = descriptor.Create();
                created.Add(metric);
                metric.Initialize(context);
            }
            if (analysis is not null)
                _analysis = NeedsReference
                    ? analysis(context)
                    : throw new IqaException("quality maps and regions compare a distorted image with its reference: they need full-reference metrics");
        }
        catch
        {
            foreach (var m in created)
                m.Dispose();
            throw;
        }
        _metrics = [.. created];
        Provenance = new Provenance(settings.Profile, [.. settings.Describe(descriptors), .. _analysis?.Settings ?? []], [.. descriptors.Select(d => d.Name)],
            device.Name, device.Description,
            [.. _metrics.Where(m => m.ComputedOn is not null).Select(m => new KeyValuePair<string, string>(m.Descriptor.Name, m.ComputedOn!))]);
    }

    public long MaxPixels { get; }

    /// <summary>
    /// Another scorer like this one (same device, metrics, settings), with its own metric instances: for scoring items
    /// side by side on the <c>cpu</c> device without sharing any metric's state.
    /// </summary>
    internal Scorer Replica() => new(_device, Metrics, Settings, MaxPixels, _mixed, _analysisFactory);

    /// <summary>
    /// Whether items may be scored side by side by replicas, each on its own thread: on the <c>cpu</c> device, with no
    /// metric that batches items or runs elsewhere (ONNX Runtime, which spreads one item over the cores itself).
    /// </summary>
    internal bool ScoresItemsSideBySide =>
        _device is CpuDevice && _metrics.All(m => m is not IBatchedFullReferenceMetric && m.ComputedOn is null);

    public ScoreSettings Settings { get; }

    /// <summary>What every output of this scorer records: conventions, metrics, device.</summary>
    public Provenance Provenance { get; }

    /// <summary>The metrics, in the order given.</summary>
    public IReadOnlyList<MetricDescriptor> Metrics => [.. _metrics.Select(m => m.Descriptor)];

    /// <summary>Every score an item may get: the metrics' in order, then the analysis' (region scores).</summary>
    public IReadOnlyList<string> ScoreNames => [.. _metrics.SelectMany(m => m.Descriptor.ScoreNames), .. _analysis?.ScoreNames ?? []];

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
        return new ScoreResult(reference, image, Provenance, scores, new Timings(decodeMs, totalMs - decodeMs, totalMs));
    }

    /// <summary>Scores already decoded images (labels name them in errors).</summary>
    public IReadOnlyDictionary<string, double> Compute(string? referenceLabel, DecodedImage? reference, string label, DecodedImage image)
    {
        var (refInput, dist) = Prepare(new Item(referenceLabel, reference, label, image));
        try
        {
            using (dist)
                return Compute(refInput, dist);
        }
        finally
        {
            _references.EndGroup();
        }
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
                        if (Guard(() =>
                            {
                                batched.ComputeBatch(members.Select(i => inputs[i]!.Value.Reference!).ToList(),
                                    members.Select(i => inputs[i]!.Value.Image).ToList(), members.Select(i => (IDictionary<string, double>)scores[i]).ToList());
                                foreach (int i in members)
                                    Check(metric, scores[i], inputs[i]!.Value.Image.Label);
                            }) is null)
                            alive.RemoveAll(members.Contains);
                    }
                foreach (int i in alive)
                    errors[i] = Guard(() => ComputeOne(metric, inputs[i]!.Value.Reference, inputs[i]!.Value.Image, scores[i]));
            }
            if (_analysis is { } analysis)
                for (int i = 0; i < items.Count; i++)
                    if (errors[i] is null)
                        errors[i] = Guard(() => analysis.Analyze(inputs[i]!.Value.Reference!, inputs[i]!.Value.Image, scores[i]));
        }
        finally
        {
            foreach (var input in inputs)
                input?.Image.Dispose();
            _references.EndGroup();
        }
        return items.Select((_, i) => errors[i] is null ? ((IReadOnlyDictionary<string, double>?)scores[i], (string?)null) : (null, errors[i])).ToArray();
    }

    /// <summary>
    /// Wraps a source for the metrics, with this scorer's data range (or the source's bit depth) and device;
    /// <paramref name="normalized"/> are its planes already normalized by that range, when the caller has them.
    /// </summary>
    public MetricInput Input(string label, ISampleSource source, IReadOnlyList<Plane>? normalized = null) =>
        new(label, source, _device, Settings.DataRange ?? source.MaxValue, normalized);

    /// <summary>Checks that the images of an item can be compared and wraps them for the metrics.</summary>
    private (MetricInput?, MetricInput) Prepare(Item item)
    {
        if (item.Reference is not null)
            CheckCompatible(item.ReferenceLabel!, item.Reference, item.Label, item.Image);
        var reference = item.Reference is null ? null : _references.Get(item.ReferenceLabel!, item.Reference);
        return (reference, Input(item.Label, item.Image));
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
    /// <param name="analyze">Run the analysis too (video analyses its luma plane only).</param>
    public IReadOnlyDictionary<string, double> Compute(MetricInput? reference, MetricInput image, bool analyze = true)
    {
        if (NeedsReference && reference is null)
            throw new IqaException(NeedsPair);
        var scores = new Dictionary<string, double>();
        foreach (var metric in _metrics)
            ComputeOne(metric, reference, image, scores);
        if (analyze)
            _analysis?.Analyze(reference!, image, scores);
        return scores;
    }

    private static void ComputeOne(IMetric metric, MetricInput? reference, MetricInput image, IDictionary<string, double> scores)
    {
        switch (metric)
        {
            case IFullReferenceMetric fr:
                fr.Compute(reference ?? throw new IqaException(NeedsPair), image, scores);
                break;
            case INoReferenceMetric nr:
                nr.Compute(image, scores);
                break;
        }
        Check(metric, scores, image.Label);
    }

    /// <summary>
    /// How far past its bounds a float32 computation may round a correct score (the 1e-5 the README states for the
    /// backends): SSIM of near-identical 16-bit images can come out as 1 + 1e-8.
    /// </summary>
    public const double BoundsSlack = 1e-5;

    /// <summary>A score no correct computation gives is an error naming the metric and the input, never a result.</summary>
    private static void Check(IMetric metric, IDictionary<string, double> scores, string label)
    {
        var info = metric.Descriptor;
        foreach (string name in info.ScoreNames)
        {
            if (!scores.TryGetValue(name, out double value))
                continue;
            if (double.IsNaN(value) || (name == info.Name && info.Bounds is { } b && (value < b.Min - BoundsSlack || value > b.Max + BoundsSlack)))
                throw new IqaException(
                    $"{label}: {name} gave {value.ToString("R", CultureInfo.InvariantCulture)}, not a valid score ({info.Range}); please report this input");
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
        _references.Dispose();
        foreach (var m in _metrics)
            m.Dispose();
        _analysis?.Dispose();
    }
}
