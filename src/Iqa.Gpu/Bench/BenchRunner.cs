using System.Diagnostics;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Devices.Ilgpu;

namespace Iqa.Gpu.Bench;

using Scores = IReadOnlyDictionary<string, double>;

/// <summary>
/// Runs the same work on every device: each workload at each frame size, on a fresh device per measurement (init and
/// kernel compilation timed), a warm-up pass whose scores are checked against the cpu device's, then the resident and
/// end-to-end modes as <see cref="BenchTiming"/> says. A measurement that fails becomes that row's error; the run goes on.
/// </summary>
public static class BenchRunner
{
    /// <summary>The device every other is checked against.</summary>
    public const string ReferenceDevice = "cpu";

    /// <summary>The kind of device that simulates GPU threads on the CPU, measured with one repetition at small sizes.</summary>
    public const string Simulator = "ilgpu-cpu";

    /// <summary>Every usable device found here, by the name that selects it: cpu, ilgpu-cpu, cuda:0, opencl:0, ...</summary>
    public static IReadOnlyList<string> AllAccelerators() =>
        [.. DeviceFactory.ListDevices().Where(d => d.Usable).Select(d => d.Selector)];

    /// <exception cref="IqaException">A device can't be created, or an option is not one the workloads' metrics accept.</exception>
    public static BenchReport Run(BenchOptions options)
    {
        var machine = MachineFacts.Collect();
        var workloads = options.Workloads.Select(name => BenchWorkloads.Create(name, options.Settings)).ToList();
        var metrics = workloads.OfType<MetricWorkload>().Select(w => w.Metric).ToList();
        options.Settings.Validate(metrics);
        // cpu first: its warm-up scores are the reference the others are checked against.
        var accelerators = options.Accelerators.Distinct().OrderBy(a => a == ReferenceDevice ? 0 : 1).ToList();
        var devices = accelerators.Select(name =>
        {
            using var device = options.CreateDevice(name);
            return DeviceFacts.Of(name, device, machine);
        }).ToList();

        var rows = new List<BenchMeasurement>();
        foreach (var frames in options.FrameSets)
            foreach (var workload in workloads)
            {
                Scores[]? reference = null;
                foreach (string accelerator in accelerators)
                {
                    if (!workload.ComputesOnDevice && rows.Any(r => r.Workload == workload.Name && r.Size == frames.Size))
                        continue; // measured once: it runs elsewhere whatever the device
                    if (workload.ComputesOnDevice && accelerator != ReferenceDevice)
                        reference ??= ReferenceScores(workload, frames, options);
                    options.Progress?.Invoke($"{accelerator} {workload.Name} {frames.Size} x {frames.Pairs.Count}");
                    var (row, scores) = Measure(accelerator, workload, frames, options, reference);
                    if (accelerator == ReferenceDevice)
                        reference = scores;
                    rows.Add(row);
                }
            }

        var settings = options.Settings.Describe(metrics).ToDictionary(kv => kv.Key, kv => kv.Value);
        return new BenchReport(BenchReport.FormatName, BenchReport.CurrentVersion,
            machine with { LoadAverageEnd = MachineFacts.CurrentLoadAverage() }, options.Timing,
            options.Settings.Profile, settings, devices, rows);
    }

    /// <summary>The cpu device's scores per frame pair, when cpu is not among the devices measured (or its measurement failed).</summary>
    private static Scores[]? ReferenceScores(IBenchWorkload workload, BenchFrameSet frames, BenchOptions options)
    {
        options.Progress?.Invoke($"{ReferenceDevice} {workload.Name} {frames.Size}: reference scores");
        try
        {
            using var device = options.CreateDevice(ReferenceDevice);
            using var session = workload.Open(device);
            return [.. frames.Pairs.Select(pair => EndToEnd(session, pair).Scores)];
        }
        catch (IqaException)
        {
            return null; // the cpu row itself records the failure
        }
    }

    private static (BenchMeasurement Row, Scores[]? Scores) Measure(string accelerator, IBenchWorkload workload,
        BenchFrameSet frames, BenchOptions options, Scores[]? reference)
    {
        var row = new BenchMeasurement(accelerator, workload.Name, frames.Size, frames.Pairs.Count) { DecodeMs = frames.DecodeMs };
        try
        {
            using var device = options.CreateDevice(accelerator);
            bool simulator = device.Name == Simulator;
            if (simulator && (long)frames.Width * frames.Height > options.Timing.SimulatorMaxPixels)
                return (row with
                {
                    Skipped = $"{Simulator} simulates GPU threads (seconds per 1080p frame): measured at up to {options.Timing.SimulatorMaxPixels} pixels per frame",
                }, null);
            return MeasureOn(device, row, simulator, workload, frames, options.Timing, reference);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (row with { Error = e is IqaException ? e.Message : $"internal error: {e.GetType().Name}: {e.Message}" }, null);
        }
    }

    private static (BenchMeasurement, Scores[]) MeasureOn(IComputeDevice device, BenchMeasurement row, bool simulator,
        IBenchWorkload workload, BenchFrameSet frames, BenchTiming timing, Scores[]? reference)
    {
        var pairs = frames.Pairs;
        var ilgpu = device as IlgpuDevice;
        var clock = Stopwatch.StartNew();
        using var session = workload.Open(device);
        row = row with
        {
            ComputedOn = session.ComputedOn,
            InitMs = clock.Elapsed.TotalMilliseconds,
            CompileMs = ilgpu?.Compilations.Sum(c => c.Milliseconds) ?? 0,
            KernelsCompiled = ilgpu?.Compilations.Count ?? 0,
        };

        // Warm-up: every pair once, end to end. Its scores are the ones compared; its times serve when measuring once.
        var first = new Scores[pairs.Count];
        var warmUp = new EndToEndTimes();
        clock.Restart();
        for (int i = 0; i < pairs.Count; i++)
            first[i] = warmUp.Add(EndToEnd(session, pairs[i]));
        double warmUpSeconds = clock.Elapsed.TotalSeconds;
        bool once = simulator || warmUpSeconds / pairs.Count > timing.MinSeconds;
        bool repeatable = true;

        var prepared = new List<IPreparedFrame>();
        Throughput resident;
        try
        {
            prepared.AddRange(pairs.Select(session.Prepare));
            resident = Repeat(timing, once, pairs.Count, i => repeatable &= Same(prepared[i].Compute(), first[i]));
        }
        finally
        {
            foreach (var p in prepared)
                p.Dispose();
        }

        Throughput endToEnd;
        var times = warmUp;
        if (once)
            endToEnd = new Throughput(pairs.Count, warmUpSeconds);
        else
        {
            times = new EndToEndTimes();
            endToEnd = Repeat(timing, once, pairs.Count, i => repeatable &= Same(times.Add(EndToEnd(session, pairs[i])), first[i]));
        }

        return (row with
        {
            Note = once
                ? simulator
                    ? $"one repetition per frame pair and mode, no warm-up: {Simulator} simulates GPU threads"
                    : $"one repetition per frame pair and mode: a frame took longer than {timing.MinSeconds} s"
                : null,
            Resident = resident,
            EndToEnd = endToEnd,
            PrepareUploadMs = times.PrepareMs / times.Count,
            ComputeMs = times.ComputeMs / times.Count,
            PeakMemory = ilgpu is not null
                ? new MemoryPeak(ilgpu.Memory.PeakBytes, MemoryPeak.DeviceAllocations)
                : new MemoryPeak(Process.GetCurrentProcess().PeakWorkingSet64, MemoryPeak.ProcessPeakWorkingSet),
            Repeatable = repeatable,
            Agreement = reference is null || session.ComputedOn is not null ? null : Agreement(workload.Tolerance, reference, first),
        }, first);
    }

    /// <summary>
    /// Runs <paramref name="step"/> over the frame pairs in turn: each once when <paramref name="once"/>, else until the
    /// minimum count and time are both reached (or the maximum count).
    /// </summary>
    private static Throughput Repeat(BenchTiming timing, bool once, int pairs, Action<int> step)
    {
        var clock = Stopwatch.StartNew();
        int repetitions = 0;
        do
            step(repetitions++ % pairs);
        while (once
            ? repetitions < pairs
            : repetitions < timing.MaxRepetitions && (repetitions < timing.MinRepetitions || clock.Elapsed.TotalSeconds < timing.MinSeconds));
        return new Throughput(repetitions, clock.Elapsed.TotalSeconds);
    }

    /// <summary>One pair end to end: prepared and uploaded, computed and read back, released.</summary>
    private static (Scores Scores, double PrepareMs, double ComputeMs) EndToEnd(IBenchSession session, BenchFramePair pair)
    {
        var clock = Stopwatch.StartNew();
        using var prepared = session.Prepare(pair);
        double prepareMs = clock.Elapsed.TotalMilliseconds;
        var scores = prepared.Compute();
        return (scores, prepareMs, clock.Elapsed.TotalMilliseconds - prepareMs);
    }

    private sealed class EndToEndTimes
    {
        public int Count { get; private set; }
        public double PrepareMs { get; private set; }
        public double ComputeMs { get; private set; }

        public Scores Add((Scores Scores, double PrepareMs, double ComputeMs) run)
        {
            Count++;
            PrepareMs += run.PrepareMs;
            ComputeMs += run.ComputeMs;
            return run.Scores;
        }
    }

    /// <summary>The same score names with bit-identical values: a deterministic computation repeats exactly.</summary>
    private static bool Same(Scores a, Scores b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out double v) && BitConverter.DoubleToInt64Bits(v) == BitConverter.DoubleToInt64Bits(kv.Value));

    /// <summary>Per score of the reference, the largest difference over the frames (infinite where the device lacks it).</summary>
    private static List<ScoreAgreement> Agreement(AgreementTolerance tolerance, Scores[] reference, Scores[] device) =>
        reference.SelectMany(r => r.Keys).Distinct().Select(score =>
        {
            double worst = Enumerable.Range(0, reference.Length).Max(i =>
                device[i].TryGetValue(score, out double value) ? tolerance.Difference(value, reference[i][score]) : double.PositiveInfinity);
            return new ScoreAgreement(score, worst, tolerance.Limit, tolerance.Relative);
        }).ToList();
}
