using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Metrics;

namespace Iqa.Gpu.Scoring;

/// <summary>
/// Scores a video pair frame by frame on the samples as stored (no-reference metrics such as NIQE judge the
/// distorted frame): the Y plane (and U, V
/// with <see cref="VideoPlanes.Yuv"/>) normalized by the data range (the bit depth's maximum, 1023 for 10-bit,
/// unless given), never converted to RGB or 8 bits. Each plane is scored as an image of its own size, so automatic
/// SSIM downsampling follows each plane's size. Frames are read ahead on another thread (see <see cref="FramePairReader"/>).
/// On the <c>cpu</c> device, frames are scored side by side, one per core (each by its own instances of the metrics,
/// its kernels on its own thread): a frame's work then needs no fork and join, and the cores never wait for one another.
/// </summary>
public sealed class VideoScorer : IDisposable
{
    /// <summary>Frames scored at once at most: each holds a frame pair in memory.</summary>
    private const int MaxWorkers = 4;

    /// <summary>Pixels of the frames scored at once at most (a memory bound for very large frames).</summary>
    private const long MaxWorkerPixels = 1L << 26;

    private readonly Scorer[] _scorers;
    private readonly VideoPlanes _planes;

    /// <summary>
    /// Whether the reader thread normalizes the planes: for devices that take float planes; the <c>cpu</c> device reads
    /// the frame's samples as it scores them, converting rows in cache (a separate float copy only costs memory traffic).
    /// </summary>
    private readonly bool _normalize;

    /// <param name="analysis">Work on each frame's luma planes after the metrics (superpixel region scores), as <see cref="Scorer"/> takes it.</param>
    /// <exception cref="IqaException">A metric that needs RGB images, or any init failure of a metric.</exception>
    public VideoScorer(IComputeDevice device, IReadOnlyList<MetricDescriptor> metrics, ScoreSettings settings, VideoPlanes planes,
        Func<MetricContext, IPairAnalysis>? analysis = null)
    {
        if (metrics.FirstOrDefault(m => m.Reads.HasFlag(MetricInputs.RgbImage)) is { } rgbOnly)
            throw new IqaException($"{rgbOnly.Name} scores RGB images; video frames are scored on their YUV planes");
        _planes = planes;
        _normalize = device is not CpuDevice;
        var scorer = new Scorer(device, metrics, settings, mixed: true, analysis: analysis);
        int workers = device is CpuDevice ? Math.Min(Environment.ProcessorCount, MaxWorkers) : 1;
        _scorers = [scorer, .. Enumerable.Range(1, workers - 1).Select(_ => scorer.Replica())];
    }

    private Scorer Primary => _scorers[0];

    /// <param name="progress">Called after each scored frame with the number scored so far.</param>
    public VideoResult Score(VideoPair pair, Action<long>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        double dataRange = Primary.Settings.DataRange ?? pair.Reference.Info.Format.MaxValue;
        long framePixels = Math.Max(1, (long)pair.Reference.Info.Width * pair.Reference.Info.Height);
        int workers = (int)Math.Clamp(MaxWorkerPixels / framePixels, 1, _scorers.Length);
        var frames = new List<FrameScores>();
        int planes = _planes.ScoreSuffixes().Count;
        using (var reader = new FramePairReader(pair.Reference, pair.Distorted, planes, _normalize ? planes : 0, 1.0 / dataRange, workers))
        {
            void Scored(FrameScores frame)
            {
                lock (frames)
                {
                    frames.Add(frame);
                    progress?.Invoke(frames.Count);
                }
            }

            if (workers == 1)
                ScoreFrames(Primary, pair, reader, Scored, CancellationToken.None);
            else
                ScoreSideBySide(pair, reader, workers, Scored);
        }
        frames.Sort((a, b) => a.FrameNum.CompareTo(b.FrameNum));
        var names = frames.Count > 0 ? frames[0].Scores.Keys.ToList() : [];
        var pooled = frames.Count == 0
            ? []
            : names.Select(n => new KeyValuePair<string, PooledStatistics>(n, PooledStatistics.Of([.. frames.Select(f => f.Scores[n])])))
                .ToList();
        var provenance = Primary.Provenance with { Settings = EffectiveSettings(dataRange) };
        return new VideoResult(Summary(pair.Reference, pair.ReferenceSkip), Summary(pair.Distorted, pair.DistortedSkip),
            provenance, names, frames, pooled, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// One scorer per worker thread, each taking the next pair read. The first failure stops the others from taking
    /// more; the failure of the earliest frame is rethrown as it was thrown (pairs are taken in order, so every earlier
    /// frame was already being scored), the same error a single scorer would give.
    /// </summary>
    private void ScoreSideBySide(VideoPair pair, FramePairReader reader, int workers, Action<FrameScores> scored)
    {
        using var stop = new CancellationTokenSource();
        var failures = new List<(long Frame, Exception Error)>();
        var threads = Enumerable.Range(0, workers).Select(i => Task.Factory.StartNew(() =>
        {
            // As many frames at once as cores: each frame's kernels run on its own thread.
            using var sequential = workers >= Environment.ProcessorCount ? CpuParallel.Sequential() : default;
            try
            {
                ScoreFrames(_scorers[i], pair, reader, scored, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (FrameFailure e)
            {
                lock (failures)
                    failures.Add((e.Frame, e.InnerException!));
                stop.Cancel();
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        Task.WaitAll(threads);
        if (failures.Count > 0)
            ExceptionDispatchInfo.Throw(failures.MinBy(f => f.Frame).Error);
    }

    /// <summary>A frame's failure with its frame number (a reading failure sorts after every frame), carried to the caller.</summary>
    private sealed class FrameFailure(long frame, Exception error) : Exception(null, error)
    {
        public long Frame { get; } = frame;
    }

    /// <summary>
    /// Scores the pairs <paramref name="reader"/> gives this caller, planes as separate images. Side by side
    /// (<paramref name="token"/> cancellable) a failure comes wrapped with its frame number.
    /// </summary>
    private void ScoreFrames(Scorer scorer, VideoPair pair, FramePairReader reader, Action<FrameScores> scored, CancellationToken token)
    {
        var suffixes = _planes.ScoreSuffixes();
        string[] planeNames = ["Y", "U", "V"];
        long frame = -1;
        try
        {
            foreach (var slot in reader.Pairs(token))
            {
                frame = slot.Index;
                var scores = new Dictionary<string, double>();
                for (int p = 0; p < suffixes.Count; p++)
                {
                    string where = $" (frame {slot.Index}, {planeNames[p]} plane)";
                    using var reference = scorer.Input(pair.Reference.Name + where, slot.Reference.Planes[p], Normalized(slot.ReferencePlanes, p));
                    using var distorted = scorer.Input(pair.Distorted.Name + where, slot.Distorted.Planes[p], Normalized(slot.DistortedPlanes, p));
                    foreach (var (name, value) in scorer.Compute(reference, distorted, analyze: p == 0))
                        scores[name + suffixes[p]] = value;
                }
                scored(new FrameScores(slot.Index, scores));
                reader.Return(slot);
                frame = -1;
            }
        }
        catch (Exception e) when (token.CanBeCanceled && e is not OperationCanceledException)
        {
            // A reading failure surfaces at the end of the pairs, after every frame read: it sorts after them all.
            throw new FrameFailure(frame < 0 ? long.MaxValue : frame, e);
        }
    }

    private static IReadOnlyList<Images.Plane>? Normalized(Images.Plane[] planes, int p) => p < planes.Length ? [planes[p]] : null;

    /// <summary>The scorer's settings with the colour entry saying which planes were scored and the data range used.</summary>
    private List<KeyValuePair<string, string>> EffectiveSettings(double dataRange) =>
        Primary.Provenance.Settings.Select(kv => kv.Key switch
        {
            "color" => new KeyValuePair<string, string>(kv.Key, _planes.SettingName()),
            "data_range" => new(kv.Key, dataRange.ToString("R", CultureInfo.InvariantCulture)),
            _ => kv,
        }).ToList();

    private static VideoInputSummary Summary(Video.FrameWindow source, long skip) =>
        new(source.Name, source.Info.Describe(), skip, source.FramesRead, source.Truncation);

    public void Dispose()
    {
        foreach (var scorer in _scorers)
            scorer.Dispose();
    }
}
