using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;
using Iqa.Gpu.Slic;

namespace Iqa.Gpu.Bench;

/// <summary>
/// SLIC superpixels of the reference frame (<see cref="ISlicOperations"/>, scikit-image's defaults, 400 segments) as a
/// bench workload. Its numbers: the label count, which must equal cpu's, and the mean label over the pixels, within
/// 1e-3 relative of cpu's (the tests hold the ILGPU path to 99.9 % of pixels with cpu's label; docs/slic.md). The
/// samples are uploaded inside each segmentation, so resident and end-to-end figures measure the same work.
/// </summary>
public sealed class SlicWorkload : IBenchWorkload
{
    public const string WorkloadName = "slic";

    private static readonly SlicParameters Parameters = new() { Segments = 400 };

    public string Name => WorkloadName;

    public bool ComputesOnDevice => true;

    public AgreementTolerance Tolerance => new(1e-3, Relative: true);

    public IBenchSession Open(IComputeDevice device) => new Session(ISlicOperations.On(device));

    private sealed class Session(ISlicOperations slic) : IBenchSession
    {
        public string? ComputedOn => null;

        public IPreparedFrame Prepare(BenchFramePair pair) => new Prepared(slic, Image(pair.Reference));

        public void Dispose() { }
    }

    private sealed class Prepared(ISlicOperations slic, DecodedImage image) : IPreparedFrame
    {
        public IReadOnlyDictionary<string, double> Compute()
        {
            var result = slic.Segment(image, Parameters);
            return new Dictionary<string, double>
            {
                ["slic_labels"] = result.LabelCount,
                ["slic_mean_label"] = result.Labels.Average(l => (double)l),
            };
        }

        public void Dispose() { }
    }

    /// <summary>A frame as SLIC reads it: a decoded image, or a video plane as a gray image of its samples.</summary>
    private static DecodedImage Image(ISampleSource source) => source switch
    {
        DecodedImage image => image,
        Video.VideoPlane { Bytes: { } bytes } plane => new DecodedImage(plane.Width, plane.Height, 1, bytes),
        Video.VideoPlane plane => new DecodedImage(plane.Width, plane.Height, 1, plane.Words!, plane.BitDepth),
        _ => throw new IqaException($"SLIC can't read a {source.GetType().Name}"),
    };
}
