using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Metrics.Psnr;
using Iqa.Gpu.Metrics.Ssim;

namespace Iqa.Gpu.Tests.Metrics;

/// <summary>
/// The cpu device computes on inputs' samples read a row at a time (integer box sums and squared errors where the
/// samples are integers) and on stored float planes alike: the Gaussian window reads the same floats either way (bit
/// for bit), integer box means differ from float ones by float rounding only (1e-6), PSNR by 1e-6 dB. Kernels run on
/// the calling thread alone (<see cref="CpuParallel.Sequential"/>: video frames side by side) give the parallel
/// results bit for bit, and so do passes that evaluate only the maps a score uses. Narrow planes exercise the last
/// vector's dropped lanes against the scalar oracle.
/// </summary>
public sealed class CpuSamplePathTests : IDisposable
{
    private readonly CpuDevice _device = new();

    private ISsimOperations Ssim => ISsimOperations.On(_device);

    private static (CpuPlane Rows, CpuPlane Stored) Planes(DecodedImage image, ColorMode mode) =>
        (new CpuPlane(image.Rows(mode, 1 / image.MaxValue, -MetricInput.Offset)[0]),
            new CpuPlane(image.ToPlanes(mode, 1 / image.MaxValue, -MetricInput.Offset)[0]));

    [Theory]
    [InlineData(ColorMode.Gray)]
    [InlineData(ColorMode.Y)]
    public void SamplesAndStoredPlanesGiveTheSameScores(ColorMode mode)
    {
        var a = new DecodedImage(203, 151, 3, TestImages.Pattern(203, 151, 3, seed: 21));
        var b = new DecodedImage(203, 151, 3, TestImages.Pattern(203, 151, 3, seed: 22, noise: 60));
        var (ar, @as) = Planes(a, mode);
        var (br, bs) = Planes(b, mode);
        Assert.Equal(SsimMetric.Means(Ssim, @as, bs, 1, "t"), SsimMetric.Means(Ssim, ar, br, 1, "t"));
        foreach (int f in new[] { 2, 3, 4 })
            Assert.InRange(SsimMetric.Means(Ssim, ar, br, f, "t").Ssim - SsimMetric.Means(Ssim, @as, bs, f, "t").Ssim, -1e-6, 1e-6);
        var fromRows = Ssim.Scales(ar, br, SsimMetric.Parameters, 3);
        var fromStored = Ssim.Scales(@as, bs, SsimMetric.Parameters, 3);
        for (int s = 0; s < 3; s++)
            Assert.InRange(fromRows[s].ContrastStructure - fromStored[s].ContrastStructure, -1e-6, 1e-6);
        var psnr = IPsnrOperations.On(_device);
        double n = a.Width * a.Height;
        Assert.InRange(PsnrMetric.FromSquaredError(psnr.SumSquaredError(ar, br), n) - PsnrMetric.FromSquaredError(psnr.SumSquaredError(@as, bs), n),
            -1e-6, 1e-6);
    }

    [Fact]
    public void SequentialKernelsGiveTheParallelResults()
    {
        var a = new DecodedImage(190, 230, 1, TestImages.Pattern(190, 230, 1, seed: 23));
        var b = new DecodedImage(190, 230, 1, TestImages.Pattern(190, 230, 1, seed: 24, noise: 50));
        var (ar, _) = Planes(a, ColorMode.Gray);
        var (br, _) = Planes(b, ColorMode.Gray);
        var psnr = IPsnrOperations.On(_device);
        (SsimMeans[], SsimMeans, double) Run() =>
            (Ssim.Scales(ar, br, SsimMetric.Parameters, 4), SsimMetric.Means(Ssim, ar, br, 3, "t"), psnr.SumSquaredError(ar, br));
        var parallel = Run();
        using (CpuParallel.Sequential())
        {
            var sequential = Run();
            Assert.Equal(parallel.Item1, sequential.Item1);
            Assert.Equal(parallel.Item2, sequential.Item2);
            Assert.Equal(parallel.Item3, sequential.Item3);
        }
    }

    [Fact]
    public void NarrowPlanesMatchTheScalarOracle()
    {
        foreach (int w in new[] { 11, 12, 26, 27, 33, 45 })
        {
            int h = 14 + w % 5;
            var x = TestImages.Pattern(w, h, 1, seed: w);
            var y = TestImages.Pattern(w, h, 1, seed: w + 1, noise: 80);
            var (xr, _) = Planes(new DecodedImage(w, h, 1, x), ColorMode.Gray);
            var (yr, _) = Planes(new DecodedImage(w, h, 1, y), ColorMode.Gray);
            double expected = ScalarSsim.Mean([.. x.Select(v => (double)v)], [.. y.Select(v => (double)v)], w, h, 255);
            Assert.InRange(SsimMetric.Means(Ssim, xr, yr, 1, "t").Ssim - expected, -1e-5, 1e-5);
        }
    }

    [Fact]
    public void MeansForAScoreAreTheMeansOfAllBitForBit()
    {
        var a = new DecodedImage(190, 230, 1, TestImages.Pattern(190, 230, 1, seed: 25));
        var b = new DecodedImage(190, 230, 1, TestImages.Pattern(190, 230, 1, seed: 26, noise: 50));
        var (ar, _) = Planes(a, ColorMode.Gray);
        var (br, _) = Planes(b, ColorMode.Gray);
        var all = Ssim.Scales(ar, br, SsimMetric.Parameters, 4);
        var forScore = Ssim.Scales(ar, br, SsimMetric.Parameters, 4, SsimMeansNeeded.ForScore);
        for (int s = 0; s < 3; s++)
        {
            Assert.Equal(all[s].ContrastStructure, forScore[s].ContrastStructure);
            Assert.True(double.IsNaN(forScore[s].Ssim));
        }
        Assert.Equal(all[3].Ssim, forScore[3].Ssim);
        Assert.True(double.IsNaN(forScore[3].ContrastStructure));
    }

    public void Dispose() => _device.Dispose();
}
