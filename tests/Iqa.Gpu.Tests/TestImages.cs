using Iqa.Gpu.Images;
using NetVips;

namespace Iqa.Gpu.Tests;

/// <summary>Deterministic test images: seeded synthetic samples, the LPIPS examples, crops and remaps, and PNG writers.</summary>
public static class TestImages
{
    /// <summary>8-bit samples: a smooth gradient with seeded noise, interleaved bands.</summary>
    public static byte[] Pattern(int w, int h, int bands, int seed, double noise = 20)
    {
        var rng = new Random(seed);
        var data = new byte[w * h * bands];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int b = 0; b < bands; b++)
                {
                    double v = 128 + 60 * Math.Sin((x + 7 * b) / 9.0) * Math.Cos(y / 13.0) + noise * (rng.NextDouble() - 0.5);
                    data[(y * w + x) * bands + b] = (byte)Math.Clamp(Math.Round(v), 0, 255);
                }
        return data;
    }

    /// <summary>Uniformly random 8-bit samples.</summary>
    public static DecodedImage Random(int width, int height, int bands, int seed)
    {
        var samples = new byte[width * height * bands];
        new Random(seed).NextBytes(samples);
        return new DecodedImage(width, height, bands, samples);
    }

    /// <summary>One of the LPIPS authors' 64x64 examples (refdata/lpips_examples).</summary>
    public static DecodedImage Example(string name) => ImageDecoder.Decode(TestPaths.RefData("lpips_examples", name + ".png"));

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

    /// <summary>The <paramref name="width"/> x <paramref name="height"/> part of an 8-bit image from (x0, y0).</summary>
    public static DecodedImage Crop(DecodedImage source, int x0, int y0, int width, int height)
    {
        var samples = new byte[width * height * source.Bands];
        for (int y = 0; y < height; y++)
            Array.Copy(source.Bytes!, ((y0 + y) * source.Width + x0) * source.Bands, samples, y * width * source.Bands, width * source.Bands);
        return new DecodedImage(width, height, source.Bands, samples);
    }

    /// <summary>Writes 8-bit interleaved samples as a PNG named <paramref name="name"/> in <paramref name="dir"/>; returns its path.</summary>
    public static string WritePng(this TempDirectory dir, string name, byte[] data, int w, int h, int bands)
    {
        using var image = Image.NewFromMemory(data, w, h, bands, Enums.BandFormat.Uchar);
        string path = dir.File(name);
        image.WriteToFile(path);
        return path;
    }

    /// <summary>Writes 16-bit interleaved samples as a PNG named <paramref name="name"/> in <paramref name="dir"/>; returns its path.</summary>
    public static string WritePng16(this TempDirectory dir, string name, ushort[] data, int w, int h, int bands)
    {
        using var image = Image.NewFromMemory(data, w, h, bands, Enums.BandFormat.Ushort);
        using var tagged = image.Copy(interpretation: bands >= 3 ? Enums.Interpretation.Rgb16 : Enums.Interpretation.Grey16);
        string path = dir.File(name);
        tagged.WriteToFile(path);
        return path;
    }
}
