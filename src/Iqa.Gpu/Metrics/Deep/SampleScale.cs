namespace Iqa.Gpu.Metrics.Deep;

/// <summary>
/// Lookup tables from an integer sample to the float32 value a network is fed, built once per range and bit depth.
/// A table reproduces the reference code's arithmetic exactly, which a fused multiply-add would not.
/// </summary>
internal static class SampleScale
{
    private static readonly float[]?[] Tables = new float[4][];

    public static float[] Table(DeepInputRange range, int bitDepth)
    {
        int slot = (int)range * 2 + (bitDepth == 8 ? 0 : 1);
        return Volatile.Read(ref Tables[slot]) ?? Build(range, bitDepth, slot);
    }

    private static float[] Build(DeepInputRange range, int bitDepth, int slot)
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
        Volatile.Write(ref Tables[slot], table);
        return table;
    }
}
