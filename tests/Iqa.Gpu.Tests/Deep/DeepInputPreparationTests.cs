using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics.Deep;

namespace Iqa.Gpu.Tests.Deep;

/// <summary>Gray, 16-bit, alpha and batches reach the bundled LPIPS network exactly as the reference code prepares them.</summary>
public class DeepInputPreparationTests
{
    private static readonly DecodedImage Reference = TestImages.Example("ex_ref");
    private static readonly DecodedImage Distorted = TestImages.Example("ex_p1");

    [Fact]
    public void Gray_IsReplicatedToRgb()
    {
        using var lpips = DeepMetric.Open("lpips");
        // Green channel as a gray image, and the same values copied into R, G and B.
        DecodedImage grayA = TestImages.Remap(Reference, 1, (p, _) => Reference.Bytes![3 * p + 1]);
        DecodedImage grayB = TestImages.Remap(Distorted, 1, (p, _) => Distorted.Bytes![3 * p + 1]);
        DecodedImage rgbA = TestImages.Remap(Reference, 3, (p, _) => Reference.Bytes![3 * p + 1]);
        DecodedImage rgbB = TestImages.Remap(Distorted, 3, (p, _) => Distorted.Bytes![3 * p + 1]);
        Assert.Equal(lpips.Score(rgbA, rgbB), lpips.Score(grayA, grayB));
    }

    [Fact]
    public void Alpha_IsIgnored()
    {
        using var lpips = DeepMetric.Open("lpips");
        var noise = new Random(3);
        DecodedImage rgba = TestImages.Remap(Distorted, 4, (p, c) => c < 3 ? Distorted.Bytes![3 * p + c] : (byte)noise.Next(256));
        Assert.Equal(lpips.Score(Reference, Distorted), lpips.Score(Reference, rgba));
    }

    [Fact]
    public void SixteenBit_IsScaledByItsRange()
    {
        using var lpips = DeepMetric.Open("lpips");
        // v * 257 maps 0..255 onto 0..65535, so v / 127.5 - 1 and (257 v) / 32767.5 - 1 are the same number.
        DecodedImage wide = new(Distorted.Width, Distorted.Height, 3, Distorted.Bytes!.Select(v => (ushort)(v * 257)).ToArray());
        Assert.Equal(lpips.Score(Reference, Distorted), lpips.Score(Reference, wide));
    }

    [Theory]
    [InlineData(DeepInputRange.MinusOneToOne, 8)]
    [InlineData(DeepInputRange.MinusOneToOne, 16)]
    [InlineData(DeepInputRange.ZeroToOne, 8)]
    [InlineData(DeepInputRange.ZeroToOne, 16)]
    public void SampleScale_SpansTheRange(DeepInputRange range, int bitDepth)
    {
        float[] table = SampleScale.Table(range, bitDepth);
        Assert.Equal((1 << bitDepth), table.Length);
        Assert.Equal(range == DeepInputRange.MinusOneToOne ? -1f : 0f, table[0]);
        Assert.Equal(1f, table[^1]);
        // 128 and 128 * 257 are the same level; lpips.im2tensor rounds a float64 result, ToTensor divides in float32.
        float expected = range == DeepInputRange.MinusOneToOne ? (float)(128 / 127.5 - 1) : 128f / 255f;
        Assert.Equal(expected, table[bitDepth == 8 ? 128 : 128 * 257]);
    }

    [Fact]
    public void Batch_EqualsPairByPair()
    {
        using var lpips = DeepMetric.Open("lpips");
        DecodedImage p0 = TestImages.Example("ex_p0");
        double[] batch = lpips.ScoreBatch([Reference, Reference, p0], [TestImages.Example("ex_p0"), Distorted, Distorted]);
        double[] single = [lpips.Score(Reference, p0), lpips.Score(Reference, Distorted), lpips.Score(p0, Distorted)];
        // Batched convolutions may sum in another order: float32 rounding only.
        for (int i = 0; i < 3; i++)
            Assert.Equal(single[i], batch[i], 1e-6);
        Assert.Equal(6, lpips.Timings.Pairs);
    }
}
