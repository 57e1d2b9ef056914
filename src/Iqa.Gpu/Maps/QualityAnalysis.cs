using System.Globalization;
using System.Runtime.CompilerServices;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Regions;
using Iqa.Gpu.Scoring;
using Iqa.Gpu.Slic;
using Iqa.Gpu.Video;

namespace Iqa.Gpu.Maps;

/// <summary>What a <see cref="QualityAnalysis"/> computes besides the maps.</summary>
public sealed record AnalysisOptions
{
    /// <summary>The MS-SSIM scale whose map is handed on as the one to write (1 to 5).</summary>
    public int MapScale { get; init; } = 1;

    /// <summary>
    /// Superpixel regions: how the reference is segmented (SLIC, scikit-image's defaults but the segment count), or null
    /// for maps alone. Each metric then adds its pooled region scores (<see cref="MetricRegions.Pooled"/>).
    /// </summary>
    public SlicParameters? Regions { get; init; }
}

/// <summary>One pair's analysis: every metric's maps and, with regions, the superpixels and every metric's ranked regions.</summary>
public sealed record PairAnalysis(string Reference, string Distorted, ISampleSource ReferenceSource,
    IReadOnlyList<MetricMaps> Maps, Superpixels? Superpixels, IReadOnlyList<MetricRegions> Regions);

/// <summary>
/// Quality maps and superpixel regions of each scored pair (<see cref="IPairAnalysis"/>): the maps of every selected
/// metric that has them (<see cref="MetricMapTable"/>; the others are skipped) on the scorer's device, read back to the host; with regions, the
/// reference segmented by SLIC on the same device (a decoded reference is segmented once for all the pairs that share
/// it; a video frame each time) and each metric's maps pooled per superpixel. Each pair's analysis is handed to
/// <c>completed</c> (to write maps, overlays and reports) while its inputs are alive.
/// </summary>
public sealed class QualityAnalysis : IPairAnalysis
{
    private readonly MetricContext _context;
    private readonly IReadOnlyList<IMetricMaps> _sources;
    private readonly SlicParameters? _slic;
    private readonly Action<PairAnalysis>? _completed;
    private readonly ConditionalWeakTable<DecodedImage, Superpixels> _segmented = new();

    /// <exception cref="IqaException">No selected metric has maps, the profile rules them out, or a map source can't be made.</exception>
    public QualityAnalysis(MetricContext context, IEnumerable<MetricDescriptor> metrics, AnalysisOptions options, Action<PairAnalysis>? completed = null)
    {
        _context = context;
        _slic = options.Regions;
        _slic?.Validate();
        _completed = completed;
        var selected = metrics.ToList();
        if (!selected.Any(MetricMapTable.HasMaps))
            throw new IqaException(
                $"none of the selected metrics ({string.Join(", ", selected.Select(m => m.Name))}) has a quality map; these do: {string.Join(", ", MetricMapTable.Names)}");
        var sources = new List<IMetricMaps>();
        try
        {
            foreach (var metric in selected)
                if (MetricMapTable.Create(metric, context, options.MapScale) is { } source)
                    sources.Add(source);
        }
        catch
        {
            foreach (var s in sources)
                s.Dispose();
            throw;
        }
        _sources = sources;
        ScoreNames = _slic is null ? [] : [.. _sources.SelectMany(s => MetricRegions.PooledNames(s.Metric.Name, s.Metric.LowerIsBetter))];
        Settings = _slic is null
            ? []
            : [new("regions", _slic.Segments.ToString(CultureInfo.InvariantCulture)),
               new("regions.compactness", _slic.Compactness.ToString("R", CultureInfo.InvariantCulture))];
    }

    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; }

    public IReadOnlyList<string> ScoreNames { get; }

    public void Analyze(MetricInput reference, MetricInput distorted, IDictionary<string, double> scores)
    {
        var maps = _sources.Select(s => s.Compute(reference, distorted)).ToList();
        Superpixels? superpixels = null;
        IReadOnlyList<MetricRegions> regions = [];
        if (_slic is not null)
        {
            superpixels = Segment(reference.Source);
            regions = [.. maps.Select(m => MetricRegions.Of(m, superpixels))];
            foreach (var metric in regions)
                foreach (var (name, value) in metric.Pooled())
                    scores[name] = value;
        }
        _completed?.Invoke(new PairAnalysis(reference.Label, distorted.Label, reference.Source, maps, superpixels, regions));
    }

    /// <summary>
    /// SLIC of the reference on the scorer's device. A decoded image is immutable and shared by the pairs of one reference
    /// (the batch's cache), so its superpixels are kept while it lives; a video plane's samples change with every frame.
    /// </summary>
    private Superpixels Segment(ISampleSource source)
    {
        var slic = ISlicOperations.On(_context.Device);
        return source switch
        {
            DecodedImage image => _segmented.GetValue(image, i => new Superpixels(slic.Segment(i, _slic!), _slic!)),
            VideoPlane { Bytes: { } bytes } plane => new Superpixels(slic.Segment(new DecodedImage(plane.Width, plane.Height, 1, bytes), _slic!), _slic!),
            VideoPlane { Words: { } words } plane => new Superpixels(slic.Segment(new DecodedImage(plane.Width, plane.Height, 1, words, plane.BitDepth), _slic!), _slic!),
            _ => throw new IqaException($"cannot segment a {source.GetType().Name}"),
        };
    }

    public void Dispose()
    {
        foreach (var source in _sources)
            source.Dispose();
    }
}
