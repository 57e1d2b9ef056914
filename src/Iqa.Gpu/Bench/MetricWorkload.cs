using Iqa.Gpu.Devices;
using Iqa.Gpu.Devices.Ilgpu;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Scoring;

namespace Iqa.Gpu.Bench;

/// <summary>
/// A metric of the registry as a bench workload: a <see cref="Scorer"/> with that one metric on the device; a frame is
/// prepared as the scorer prepares an item (each kind the metric reads: <see cref="MetricDescriptor.Reads"/>), then
/// scored. No-reference metrics judge the distorted frame.
/// </summary>
public sealed class MetricWorkload(MetricDescriptor metric, ScoreSettings settings) : IBenchWorkload
{
    public MetricDescriptor Metric => metric;

    public string Name => metric.Name;

    public bool ComputesOnDevice => RunsOnEveryDevice(metric);

    /// <summary>Whether the metric computes on whatever device it is given (not ONNX Runtime's own).</summary>
    public static bool RunsOnEveryDevice(MetricDescriptor metric) => DeviceFactory.Kinds.All(metric.RunsOn.Contains);

    public AgreementTolerance Tolerance => AgreementTolerances.For(metric.Name);

    public IBenchSession Open(IComputeDevice device) =>
        new Session(device, new Scorer(device, [metric], settings), metric, settings);

    private sealed class Session(IComputeDevice device, Scorer scorer, MetricDescriptor metric, ScoreSettings settings) : IBenchSession
    {
        public string? ComputedOn => scorer.Provenance.ComputedOn.FirstOrDefault().Value;

        public IPreparedFrame Prepare(BenchFramePair pair)
        {
            var reference = scorer.NeedsReference ? scorer.Input("reference", pair.Reference) : null;
            var distorted = scorer.Input("distorted", pair.Distorted);
            try
            {
                foreach (var input in new[] { reference, distorted }.OfType<MetricInput>())
                    PrepareReads(input);
                // Uploads are queued on the device's stream: wait, so preparation is timed apart from computing.
                (device as IlgpuDevice)?.Stream.Synchronize();
                return new Prepared(scorer, reference, distorted);
            }
            catch
            {
                reference?.Dispose();
                distorted.Dispose();
                throw;
            }
        }

        private void PrepareReads(MetricInput input)
        {
            var reads = metric.Reads;
            if (reads.HasFlag(MetricInputs.DevicePlanes))
                input.Planes(settings.Color);
            if (reads.HasFlag(MetricInputs.HostGray))
                input.Gray255(settings.Color);
            if (reads.HasFlag(MetricInputs.DeviceGray))
                input.DeviceGray255(settings.Color);
        }

        public void Dispose() => scorer.Dispose();
    }

    private sealed class Prepared(Scorer scorer, MetricInput? reference, MetricInput distorted) : IPreparedFrame
    {
        public IReadOnlyDictionary<string, double> Compute() => scorer.Compute(reference, distorted);

        public void Dispose()
        {
            reference?.Dispose();
            distorted.Dispose();
        }
    }
}
