using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Scoring;

namespace Iqa.Gpu.Tests.Metrics;

/// <summary>No fake score: a NaN, or a value past the metric's bounds beyond float rounding, is the item's error naming the metric and the input.</summary>
public sealed class ScoreCheckTests
{
    /// <summary>Writes a fixed value as its score.</summary>
    private sealed class FixedMetric(MetricDescriptor descriptor, double value) : IFullReferenceMetric
    {
        public MetricDescriptor Descriptor => descriptor;
        public void Initialize(MetricContext context) { }
        public void Compute(MetricInput reference, MetricInput distorted, IDictionary<string, double> scores) => scores[descriptor.Name] = value;
    }

    [Theory]
    [InlineData(double.NaN, true)]
    [InlineData(1.5, true)]
    [InlineData(-1.00002, true)]
    [InlineData(1 + 1e-8, false)] // float32 rounding of a near-identical pair: a result
    [InlineData(0.25, false)]
    public void Scores_outside_the_bounds_or_nan_are_errors(double value, bool refused)
    {
        MetricDescriptor? descriptor = null;
        descriptor = new MetricDescriptor("fixed", MetricKind.FullReference, false, "[-1, 1]", "", ["fixed"], () => new FixedMetric(descriptor!, value))
        {
            Bounds = (-1, 1),
        };
        using var device = new CpuDevice();
        using var scorer = new Scorer(device, [descriptor], Profiles.Resolve("matlab", null, null, null));
        var image = new DecodedImage(16, 16, 1, new byte[256]);
        var (scores, error) = scorer.ComputeMany([new Scorer.Item("ref.png", image, "dist.png", image)])[0];
        if (refused)
        {
            Assert.Null(scores);
            Assert.StartsWith("dist.png: fixed gave ", error);
            Assert.Contains("not a valid score ([-1, 1])", error);
        }
        else
            Assert.Equal(value, scores!["fixed"]);
    }
}
