using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics.Deep;

namespace Iqa.Gpu.Tests.Deep;

/// <summary>
/// The path for user-exported models (dists, lpips-vgg), run on generated mean-squared-difference graphs
/// (<see cref="TinyOnnxModel"/>): the score must be what that graph computes on the prepared input.
/// </summary>
public sealed class UserModelTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private DeepMetric Open(DeepModelDescriptor model, TinyOnnxModel tiny) =>
        DeepMetric.Open(model, new DeepMetricOptions { ModelPath = tiny.WriteTo(_dir.Path) });

    /// <summary>Mean over 3 x H x W of the squared difference, RGB from gray by replication, in double.</summary>
    private static double MeanSquaredDifference(DecodedImage a, DecodedImage b, Func<int, float> scale)
    {
        double sum = 0;
        for (int p = 0; p < a.Width * a.Height; p++)
            for (int c = 0; c < 3; c++)
            {
                double d = scale(a.Bytes![p * a.Bands + Math.Min(c, a.ColorBands - 1)])
                           - scale(b.Bytes![p * b.Bands + Math.Min(c, b.ColorBands - 1)]);
                sum += d * d;
            }
        return sum / (3.0 * a.Width * a.Height);
    }

    private static float ZeroToOne(int v) => v / 255f;
    private static float MinusOneToOne(int v) => (float)(v / 127.5 - 1);

    // The graph sums ~10^4 squares in float32 (observed relative error 1.3e-6), the expectation is summed in double.
    private const double RelativeTolerance = 1e-5;

    [Fact]
    public void Dists_ScoresWithZeroToOneInput()
    {
        using var dists = Open(DeepModels.Dists, new TinyOnnxModel { Output = "dists", KeepDims = false });
        DecodedImage a = TestImages.Example("ex_ref"), b = TestImages.Example("ex_p0");
        double expected = MeanSquaredDifference(a, b, ZeroToOne);
        Assert.Equal(expected, dists.Score(a, b), expected * RelativeTolerance);
    }

    [Fact]
    public void LpipsVgg_ScoresWithMinusOneToOneInput()
    {
        using var vgg = Open(DeepModels.LpipsVgg, new TinyOnnxModel { Output = "lpips" });
        DecodedImage a = TestImages.Example("ex_ref"), b = TestImages.Example("ex_p1");
        double expected = MeanSquaredDifference(a, b, MinusOneToOne);
        Assert.Equal(expected, vgg.Score(a, b), expected * RelativeTolerance);
    }

    [Fact]
    public void GrayAgainstRgb_ReplicatesGray()
    {
        using var dists = Open(DeepModels.Dists, new TinyOnnxModel { Output = "dists" });
        DecodedImage gray = TestImages.Random(40, 30, 1, seed: 1), rgb = TestImages.Random(40, 30, 3, seed: 2);
        double expected = MeanSquaredDifference(gray, rgb, ZeroToOne);
        Assert.Equal(expected, dists.Score(gray, rgb), expected * RelativeTolerance);
    }

    [Fact]
    public void Batch_EqualsPairByPair()
    {
        using var dists = Open(DeepModels.Dists, new TinyOnnxModel { Output = "dists" });
        DecodedImage[] references = [.. Enumerable.Range(0, 3).Select(i => TestImages.Random(33, 17, 3, seed: i))];
        DecodedImage[] distorted = [.. Enumerable.Range(0, 3).Select(i => TestImages.Random(33, 17, 4, seed: 10 + i))];
        double[] batch = dists.ScoreBatch(references, distorted);
        Assert.Equal(3, batch.Length);
        for (int i = 0; i < 3; i++)
        {
            double expected = MeanSquaredDifference(references[i], distorted[i], ZeroToOne);
            Assert.Equal(expected, batch[i], expected * RelativeTolerance);
            // One pair alone and the same pair inside a batch of 3 differ only in float32 summation order.
            Assert.Equal(dists.Score(references[i], distorted[i]), batch[i], batch[i] * 1e-6);
        }
    }
}
