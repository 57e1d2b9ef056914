using Iqa.Gpu.Video;

namespace Iqa.Gpu.Tests.Video;

/// <summary>
/// The vectorized normalization against the formula evaluated here in double, for every 8-bit and 16-bit sample value
/// at scales of the usual data ranges, and at every length up to a few vectors (the vector bodies and the scalar tails).
/// </summary>
public sealed class SampleConversionTests
{
    [Theory]
    [InlineData(255.0, -0.5)]
    [InlineData(1023.0, -0.5)]
    [InlineData(65535.0, 0.0)]
    [InlineData(1 / 255.0, 0.0)]
    public void EverySampleValueIsTheFormulaRoundedOnce(double range, double offset)
    {
        double scale = 1 / range;
        var bytes = Enumerable.Range(0, 256).Select(v => (byte)v).ToArray();
        var words = Enumerable.Range(0, 65536).Select(v => (ushort)v).ToArray();
        var fromBytes = new float[bytes.Length];
        var fromWords = new float[words.Length];
        SampleConversion.Normalize(bytes, fromBytes, scale, offset);
        SampleConversion.Normalize(words, fromWords, scale, offset);
        for (int v = 0; v < words.Length; v++)
        {
            float expected = (float)(v * scale + offset);
            if (fromWords[v] != expected || (v < 256 && fromBytes[v] != expected))
                Assert.Fail($"sample {v}: expected {expected:R}, got {fromWords[v]:R} (words), {(v < 256 ? fromBytes[v] : expected):R} (bytes)");
        }
    }

    [Fact]
    public void EveryLengthConvertsEverySample()
    {
        var rng = new Random(5);
        for (int n = 0; n <= 70; n++)
        {
            var bytes = new byte[n];
            rng.NextBytes(bytes);
            var words = bytes.Select(b => (ushort)(b * 257)).ToArray();
            var a = new float[n];
            var b = new float[n];
            SampleConversion.Normalize(bytes, a, 1 / 255.0, -0.5);
            SampleConversion.Normalize(words, b, 1 / 65535.0, -0.5);
            Assert.Equal(bytes.Select(v => (float)(v * (1 / 255.0) - 0.5)), a);
            Assert.Equal(words.Select(v => (float)(v * (1 / 65535.0) - 0.5)), b);
        }
    }
}
