using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Scoring;

namespace Iqa.Gpu.Tests.Batch;

/// <summary>
/// <see cref="Scorer.ComputeMany"/> with a batching metric: same-size pairs go in one call, other sizes alone,
/// and a group whose call fails is retried pair by pair so only the bad pair carries the error.
/// </summary>
public sealed class ScorerGroupingTests
{
    /// <summary>Scores the mean sample of the distorted image; refuses any call that contains a pair marked bad.</summary>
    private sealed class CountingMetric(MetricDescriptor descriptor, List<int> calls) : IBatchedFullReferenceMetric
    {
        public MetricDescriptor Descriptor => descriptor;

        public void Initialize(MetricContext context) { }

        public void Compute(MetricInput reference, MetricInput distorted, IDictionary<string, double> scores) =>
            ComputeBatch([reference], [distorted], [scores]);

        public void ComputeBatch(IReadOnlyList<MetricInput> references, IReadOnlyList<MetricInput> distorted,
            IReadOnlyList<IDictionary<string, double>> scores)
        {
            calls.Add(references.Count);
            if (distorted.Any(d => d.Label.Contains("bad")))
                throw new IqaException($"{string.Join(",", distorted.Select(d => d.Label).Where(l => l.Contains("bad")))}: refused");
            for (int i = 0; i < scores.Count; i++)
                scores[i]["count"] = distorted[i].Image.Bytes!.Average(b => (double)b);
        }
    }

    private static Scorer.Item Pair(string label, int w, int h, byte value) =>
        new("ref-" + label, new DecodedImage(w, h, 1, new byte[w * h]), label, new DecodedImage(w, h, 1, Enumerable.Repeat(value, w * h).ToArray()));

    [Fact]
    public void SameSizePairsShareOneCallAndAFailingGroupIsRetriedPairByPair()
    {
        var calls = new List<int>();
        MetricDescriptor? descriptor = null;
        descriptor = new MetricDescriptor("count", MetricKind.FullReference, false, "", "", ["count"],
            () => new CountingMetric(descriptor!, calls));
        using var backend = new CpuDevice();
        using var scorer = new Scorer(backend, [descriptor], Profiles.Resolve("matlab", null, null, null));

        var results = scorer.ComputeMany([Pair("a", 8, 8, 1), Pair("b", 8, 8, 2), Pair("c", 5, 5, 3), Pair("d", 8, 8, 4)]);
        Assert.Equal([3, 1], calls); // a, b, d together; c alone
        Assert.Equal([1.0, 2.0, 3.0, 4.0], results.Select(r => r.Scores!["count"]));

        calls.Clear();
        results = scorer.ComputeMany([Pair("a", 8, 8, 1), Pair("bad", 8, 8, 2), Pair("d", 8, 8, 4)]);
        Assert.Equal([3, 1, 1, 1], calls); // the group fails, then each pair alone
        Assert.Equal(1.0, results[0].Scores!["count"]);
        Assert.Equal("bad: refused", results[1].Error);
        Assert.Equal(4.0, results[2].Scores!["count"]);
    }
}
