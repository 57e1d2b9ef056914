using Iqa.Gpu.Images;

namespace Iqa.Gpu.Tests.Deep;

internal static class TestImages
{
    public static DecodedImage Example(string name) => ImageDecoder.Decode(TestPaths.RefData("lpips_examples", name + ".png"));

    public static DecodedImage Random(int width, int height, int bands, int seed)
    {
        var samples = new byte[width * height * bands];
        new Random(seed).NextBytes(samples);
        return new DecodedImage(width, height, bands, samples);
    }

    /// <summary>The same pixels with each sample taken through <paramref name="map"/> from (pixel, band) of the source.</summary>
    public static DecodedImage Remap(DecodedImage source, int bands, Func<int, int, byte> map)
    {
        int pixels = source.Width * source.Height;
        var samples = new byte[pixels * bands];
        for (int p = 0; p < pixels; p++)
            for (int c = 0; c < bands; c++)
                samples[p * bands + c] = map(p, c);
        return new DecodedImage(source.Width, source.Height, bands, samples);
    }

    public static DecodedImage Crop(DecodedImage source, int x0, int y0, int width, int height)
    {
        var samples = new byte[width * height * source.Bands];
        for (int y = 0; y < height; y++)
            Array.Copy(source.Bytes!, ((y0 + y) * source.Width + x0) * source.Bands, samples, y * width * source.Bands, width * source.Bands);
        return new DecodedImage(width, height, source.Bands, samples);
    }
}
