using System.Diagnostics;
using System.Globalization;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Metrics;

namespace Iqa.Gpu.Scoring;

/// <summary>
/// Scores a video pair frame by frame on the samples as stored (no-reference metrics such as NIQE judge the
/// distorted frame): the Y plane (and U, V
/// with <see cref="VideoPlanes.Yuv"/>) normalized by the data range (the bit depth's maximum, 1023 for 10-bit,
/// unless given), never converted to RGB or 8 bits. Each plane is scored as an image of its own size, so automatic
/// SSIM downsampling follows each plane's size. Frames are read ahead on another thread (see <see cref="FramePairReader"/>).
/// </summary>
public sealed class VideoScorer : IDisposable
{
    private readonly Scorer _scorer;
    private readonly VideoPlanes _planes;

    /// <summary>
    /// Whether the reader thread normalizes the planes: for devices that take float planes; the <c>cpu</c> device reads
    /// the frame's samples as it scores them, converting rows in cache (a separate float copy only costs memory traffic).
    /// </summary>
    private readonly bool _normalize;

    /// <exception cref="IqaException">A metric that needs RGB images, or any init failure of a metric.</exception>
    public VideoScorer(IComputeDevice device, IReadOnlyList<MetricDescriptor> metrics, ScoreSettings settings, VideoPlanes planes)
    {
        if (metrics.FirstOrDefault(m => m.Reads.HasFlag(MetricInputs.RgbImage)) is { } rgbOnly)
            throw new IqaException($"{rgbOnly.Name} scores RGB images; video frames are scored on their YUV planes");
        _planes = planes;
        _normalize = device is not CpuDevice;
        _scorer = new Scorer(device, metrics, settings, mixed: true);
    }

    /// <param name="progress">Called after each scored frame with the number scored so far.</param>
    public VideoResult Score(VideoPair pair, Action<long>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var settings = _scorer.Settings;
        double sampleMax = pair.Reference.Info.Format.MaxValue;
        double dataRange = settings.DataRange ?? sampleMax;
        var suffixes = _planes.ScoreSuffixes();
        string[] planeNames = ["Y", "U", "V"];
        var frames = new List<FrameScores>();
        using (var reader = new FramePairReader(pair.Reference, pair.Distorted, _normalize ? suffixes.Count : 0, 1.0 / dataRange))
        {
            foreach (var slot in reader.Pairs())
            {
                var scores = new Dictionary<string, double>();
                for (int p = 0; p < suffixes.Count; p++)
                {
                    string where = $" (frame {slot.Index}, {planeNames[p]} plane)";
                    using var reference = _scorer.Input(pair.Reference.Name + where, slot.Reference.Planes[p], Normalized(slot.ReferencePlanes, p));
                    using var distorted = _scorer.Input(pair.Distorted.Name + where, slot.Distorted.Planes[p], Normalized(slot.DistortedPlanes, p));
                    foreach (var (name, value) in _scorer.Compute(reference, distorted))
                        scores[name + suffixes[p]] = value;
                }
                frames.Add(new FrameScores(slot.Index, scores));
                reader.Return(slot);
                progress?.Invoke(frames.Count);
            }
        }
        var names = frames.Count > 0 ? frames[0].Scores.Keys.ToList() : [];
        var pooled = frames.Count == 0
            ? []
            : names.Select(n => new KeyValuePair<string, PooledStatistics>(n, PooledStatistics.Of([.. frames.Select(f => f.Scores[n])])))
                .ToList();
        var provenance = _scorer.Provenance with { Settings = EffectiveSettings(dataRange) };
        return new VideoResult(Summary(pair.Reference, pair.ReferenceSkip), Summary(pair.Distorted, pair.DistortedSkip),
            provenance, names, frames, pooled, clock.Elapsed.TotalSeconds);
    }

    private static IReadOnlyList<Images.Plane>? Normalized(Images.Plane[] planes, int p) => p < planes.Length ? [planes[p]] : null;

    /// <summary>The scorer's settings with the colour entry saying which planes were scored and the data range used.</summary>
    private List<KeyValuePair<string, string>> EffectiveSettings(double dataRange) =>
        _scorer.Provenance.Settings.Select(kv => kv.Key switch
        {
            "color" => new KeyValuePair<string, string>(kv.Key, _planes.SettingName()),
            "data_range" => new(kv.Key, dataRange.ToString("R", CultureInfo.InvariantCulture)),
            _ => kv,
        }).ToList();

    private static VideoInputSummary Summary(Video.FrameWindow source, long skip) =>
        new(source.Name, source.Info.Describe(), skip, source.FramesRead, source.Truncation);

    public void Dispose() => _scorer.Dispose();
}
