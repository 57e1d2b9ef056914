namespace Iqa.Gpu.Metrics.Deep;

/// <summary>
/// Lookup tables from an integer sample to the float32 value a network is fed, built once per range and bit depth.
/// A table reproduces the reference code's arithmetic exactly, which a fused multiply-add would not.
/// </summary>
internal static class SampleScale
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(DeepInputRange, int), float[]> Tables = new();

    /// <summary>The table of <paramref name="range"/> for samples of <paramref name="bitDepth"/> bits (8 to 16).</summary>
    public static float[] Table(DeepInputRange range, int bitDepth) => Tables.GetOrAdd((range, bitDepth), key => Build(key.Item1, key.Item2));

    private static float[] Build(DeepInputRange range, int bitDepth)
    {
        int max = (1 << bitDepth) - 1;
        var table = new float[max + 1];
        for (int v = 0; v <= max; v++)
            table[v] = range switch
            {
                // lpips.im2tensor: image / (255. / 2.) - 1. in float64 numpy, then torch.Tensor -> float32.
                // 16-bit data is scaled by its own range the same way.
                DeepInputRange.MinusOneToOne => (float)(v / (max / 2.0) - 1.0),
                // torchvision ToTensor: img.float().div(255), a float32 division.
                DeepInputRange.ZeroToOne => (float)v / max,
                _ => throw new ArgumentOutOfRangeException(nameof(range)),
            };
        return table;
    }
}
