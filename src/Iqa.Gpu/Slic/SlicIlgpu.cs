using ILGPU;
using ILGPU.Runtime;
using Iqa.Gpu.Devices.Ilgpu;
using Iqa.Gpu.Images;
using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Slic;

using FeaturesLauncher = Action<AcceleratorStream, Index1D, ArrayView<ushort>, ArrayView<double>, ArrayView<double>, int, int, int, int, double>;
using WindowsLauncher = Action<AcceleratorStream, Index1D, ArrayView<double>, ArrayView<int>, ArrayView<int>, SlicLayout>;
using ScanBinsLauncher = Action<AcceleratorStream, Index1D, ArrayView<int>, ArrayView<int>, int>;
using FillBinsLauncher = Action<AcceleratorStream, Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<int>, SlicLayout>;
using SortBinsLauncher = Action<AcceleratorStream, Index1D, ArrayView<int>, ArrayView<int>>;
using AssignLauncher = Action<AcceleratorStream, Index1D, ArrayView<double>, ArrayView<double>, ArrayView<int>, ArrayView<int>,
    ArrayView<int>, ArrayView<int>, ArrayView<int>, SlicLayout, double>;
using UpdateLauncher = Action<AcceleratorStream, Index1D, ArrayView<double>, ArrayView<int>, ArrayView<int>, ArrayView<double>,
    ArrayView<int>, SlicLayout>;

/// <summary>
/// SLIC on an ILGPU accelerator (<see cref="SlicKernels"/>): the kernels are loaded once, here; per image the samples
/// and a per-sample-value table are uploaded once, features, windows, bins, assignments and centre updates stay on
/// the device for every iteration, and the labels come back once, for the connectivity pass on the host
/// (<see cref="SlicConnectivity.Enforce"/>). The assignment and the update are the host's arithmetic in the host's
/// order (products rounded apart from additions), so on the same features they give the same labels; the features
/// differ from the host's only where the device's cube root differs from numpy's in the last bit.
/// Not thread-safe: one image at a time (one device serves one scoring thread).
/// </summary>
internal sealed class SlicIlgpu(IlgpuDevice device) : ISlicOperations
{
    private readonly FeaturesLauncher _features = device.AutoGrouped<FeaturesLauncher>(SlicKernels.Features);
    private readonly WindowsLauncher _windows = device.AutoGrouped<WindowsLauncher>(SlicKernels.Windows);
    private readonly ScanBinsLauncher _scanBins = device.AutoGrouped<ScanBinsLauncher>(SlicKernels.ScanBins);
    private readonly FillBinsLauncher _fillBins = device.AutoGrouped<FillBinsLauncher>(SlicKernels.FillBins);
    private readonly SortBinsLauncher _sortBins = device.AutoGrouped<SortBinsLauncher>(SlicKernels.SortBins);
    private readonly AssignLauncher _assign = device.AutoGrouped<AssignLauncher>(SlicKernels.Assign);
    private readonly UpdateLauncher _update = device.AutoGrouped<UpdateLauncher>(SlicKernels.Update);

    /// <summary>The same contract as <see cref="SlicSegmentation.Segment"/>, computed on the device.</summary>
    public SlicResult Segment(DecodedImage image, SlicParameters parameters) =>
        SlicSegmentation.Run(image, parameters, Cluster, SlicConnectivity.Enforce);

    private int[] Cluster(DecodedImage image, SlicGrid grid, SlicParameters p)
    {
        var samples = ImageSamples.Of(image);
        var layout = new SlicLayout(image.Width, image.Height, samples.Channels, grid.Count, grid.StepY, grid.StepX, p.StartLabel);
        int n = layout.Pixels, count = layout.Count;
        var table = SlicFeatures.DeviceTable(samples, p.Compactness);
        var centres = new double[(2 + layout.Channels) * count];
        for (int k = 0; k < count; k++)
        {
            centres[k] = grid.SeedY[k];
            centres[count + k] = grid.SeedX[k];
        }
        using var samplesBuffer = device.Allocate(Widen(image));
        using var tableBuffer = device.Allocate(table);
        using var features = device.Allocate<double>((long)layout.Channels * n);
        using var centresBuffer = device.Allocate(centres);
        using var windows = device.Allocate<int>(4L * count);
        using var binCounts = device.Allocate<int>(layout.Bins);
        using var binStart = device.Allocate<int>(layout.Bins + 1L);
        using var binList = device.Allocate<int>(layout.MaxBinEntries);
        using var labels = device.Allocate<int>(n);
        using var flags = device.Allocate<int>(SlicKernels.Flags);
        var stream = device.Stream;
        _features(stream, n, samplesBuffer.View, tableBuffer.View, features.View, n, image.Bands, layout.Channels, samples.Levels,
            1.0 / p.Compactness);
        // Start label − 1 everywhere: all bits of −1 or of 0.
        labels.View.MemSet(p.StartLabel == 0 ? byte.MaxValue : (byte)0);
        flags.MemSetToZero();
        var assignFlags = flags.View.SubView(0, SlicKernels.UncoveredFlag + 1);
        for (int iteration = 0; iteration < p.MaxIterations; iteration++)
        {
            binCounts.MemSetToZero();
            _windows(stream, count, centresBuffer.View, windows.View, binCounts.View, layout);
            _scanBins(stream, 1, binCounts.View, binStart.View, layout.Bins);
            _fillBins(stream, count, windows.View, binStart.View, binCounts.View, binList.View, layout);
            _sortBins(stream, layout.Bins, binStart.View, binList.View);
            assignFlags.MemSetToZero();
            _assign(stream, n, features.View, centresBuffer.View, windows.View, binStart.View, binList.View, labels.View, flags.View,
                layout, grid.SpatialWeight);
            // scikit-image also updates after the last assignment; the labels do not depend on it.
            if (iteration + 1 < p.MaxIterations)
                _update(stream, count, features.View, labels.View, windows.View, centresBuffer.View, flags.View, layout);
        }
        return labels.GetAsArray1D();
    }

    /// <summary>The samples as 16-bit values (8-bit ones widened), interleaved as decoded.</summary>
    private static ushort[] Widen(DecodedImage image) =>
        image.Words ?? Array.ConvertAll(image.Bytes!, v => (ushort)v);
}
