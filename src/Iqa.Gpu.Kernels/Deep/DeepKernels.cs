using ILGPU;

namespace Iqa.Gpu.Kernels;

/// <summary>The input the deep networks take, prepared in device memory (docs/deep-metrics.md).</summary>
public static class DeepKernels
{
    /// <summary>
    /// One pixel of an interleaved image as planar RGB float32 (one [3, H, W] block of an NCHW batch): each sample
    /// through the network's <paramref name="table"/> (exactly the host's values, see SampleScale), gray replicated to the
    /// three planes, alpha skipped. <paramref name="samples"/> holds bytes, or 16-bit words little-endian
    /// (<paramref name="bytesPerSample"/> 1 or 2). Index is the pixel.
    /// </summary>
    public static void PlanarInput(Index2D i, ArrayView<byte> samples, ArrayView<float> table, ArrayView<float> planes,
        int width, int bands, int colorBands, int bytesPerSample)
    {
        int pixel = i.Y * width + i.X, plane = planes.IntLength / 3;
        int src = pixel * bands;
        float first = table[Sample(samples, src, bytesPerSample)];
        planes[pixel] = first;
        planes[plane + pixel] = colorBands == 3 ? table[Sample(samples, src + 1, bytesPerSample)] : first;
        planes[2 * plane + pixel] = colorBands == 3 ? table[Sample(samples, src + 2, bytesPerSample)] : first;
    }

    private static int Sample(ArrayView<byte> samples, int index, int bytesPerSample) =>
        bytesPerSample == 1 ? samples[index] : samples[2 * index] | (samples[2 * index + 1] << 8);
}
