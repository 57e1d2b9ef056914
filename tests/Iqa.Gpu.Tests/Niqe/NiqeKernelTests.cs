using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using Iqa.Gpu.Images;
using Iqa.Gpu.Kernels;
using Iqa.Gpu.Metrics.Niqe;

namespace Iqa.Gpu.Tests.Niqe;

/// <summary>
/// The NIQE kernels on ILGPU's CPU accelerator (it simulates GPU threads, so the images are small), chained
/// as the engine will chain them: MSCN map, per-block sums, host-side fits, at both scales. The result must
/// agree with the scalar CPU path to 1e-6 relative; the kernels use the same arithmetic, so it is much closer.
/// </summary>
public sealed class NiqeKernelTests : IDisposable
{
    private readonly Context _context = Context.Create(b => b.CPU());
    private readonly Accelerator _accelerator;

    public NiqeKernelTests() => _accelerator = _context.GetPreferredDevice(preferCPU: true).CreateAccelerator(_context);

    public void Dispose()
    {
        _accelerator.Dispose();
        _context.Dispose();
    }

    [Theory]
    [InlineData("flats-and-ramps")]
    [InlineData("texture")]
    public void Kernel_features_match_the_scalar_path(string name)
    {
        var gray = name == "texture" ? SyntheticImages.Texture(192, 192, 8) : SyntheticImages.FlatsAndRamps(192, 193, 3);
        int width = 192, height = 192, blocks = 4;
        var image = new double[width * height];
        for (int i = 0; i < image.Length; i++)
            image[i] = gray.Data[i / width * gray.Width + i % width];
        var half = new double[width * height / 4];
        HalfScaleResize.Apply(image, width, height, half);

        var expected = NiqeCalculator.Scalar.ExtractFeatures(gray);
        var full = Features(image, width, height, NiqeCalculator.BlockSize, out var fullMscn);
        var halfFeatures = Features(half, width / 2, height / 2, NiqeCalculator.BlockSize / 2, out _);

        var reference = new double[width * height];
        var field = Mscn.Compute(image, width, height, NiqeCalculator.BlockSize, vectorized: false, reference);
        for (int i = 0; i < reference.Length; i++)
            Assert.True(Math.Abs(fullMscn[i] - field.Values[i]) <= 1e-12, $"MSCN at {i}: {fullMscn[i]:R} vs {field.Values[i]:R}");

        for (int b = 0; b < blocks; b++)
        {
            var e = expected.Block(b);
            for (int k = 0; k < NiqeFeatures.PerBlock; k++)
            {
                double actual = k < 18 ? full[b * 18 + k] : halfFeatures[b * 18 + k - 18];
                if (double.IsNaN(e[k]))
                    Assert.True(double.IsNaN(actual), $"block {b} feature {k}");
                else
                    Assert.True(Math.Abs(actual - e[k]) <= 1e-6 * Math.Abs(e[k]), $"block {b} feature {k}: {actual:R} vs {e[k]:R}");
            }
        }
    }

    /// <summary>MSCN kernel, block-sums kernel, then <see cref="BlockFeatures.FromSums"/> per block.</summary>
    private double[] Features(double[] image, int width, int height, int blockSize, out double[] mscn)
    {
        int across = width / blockSize, count = across * (height / blockSize);
        using var src = _accelerator.Allocate1D(image);
        using var window = _accelerator.Allocate1D(MscnWindow.Window2D);
        using var map = _accelerator.Allocate1D<double>(image.Length);
        using var sigma = _accelerator.Allocate1D<double>(image.Length);
        using var sums = _accelerator.Allocate1D<AggdSums>(count * NiqeKernels.Fields);
        using var sigmaSums = _accelerator.Allocate1D<double>(count);
        var mscnKernel = _accelerator.LoadAutoGroupedStreamKernel<Index2D, ArrayView<double>, ArrayView<double>,
            ArrayView<double>, ArrayView<double>, int, int>(NiqeKernels.Mscn);
        var sumsKernel = _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>,
            ArrayView<AggdSums>, ArrayView<double>, int, int, int>(NiqeKernels.BlockSums);
        mscnKernel(new Index2D(width, height), src.View, window.View, map.View, sigma.View, width, height);
        sumsKernel(count, map.View, sigma.View, sums.View, sigmaSums.View, width, blockSize, across);
        _accelerator.Synchronize();
        mscn = map.GetAsArray1D();
        var raw = sums.GetAsArray1D();

        var features = new double[count * BlockFeatures.Count];
        for (int b = 0; b < count; b++)
            BlockFeatures.FromSums(raw.AsSpan(b * NiqeKernels.Fields, NiqeKernels.Fields), exhaustiveSearch: false,
                features.AsSpan(b * BlockFeatures.Count, BlockFeatures.Count));
        return features;
    }
}
