using NetVips;

namespace Iqa.Gpu.Tests;

/// <summary>Deterministic synthetic images written to a temporary folder (seeded noise over smooth structure).</summary>
public sealed class TestImages : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("iqa-tests-").FullName;

    public string Path(string name) => System.IO.Path.Combine(Dir, name);

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

    public string Write(string name, byte[] bytes)
    {
        string path = Path(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string WritePng(string name, byte[] data, int w, int h, int bands)
    {
        using var image = Image.NewFromMemory(data, w, h, bands, Enums.BandFormat.Uchar);
        string path = Path(name);
        image.WriteToFile(path);
        return path;
    }

    public string WritePng16(string name, ushort[] data, int w, int h, int bands)
    {
        using var image = Image.NewFromMemory(data, w, h, bands, Enums.BandFormat.Ushort);
        using var tagged = image.Copy(interpretation: bands >= 3 ? Enums.Interpretation.Rgb16 : Enums.Interpretation.Grey16);
        string path = Path(name);
        tagged.WriteToFile(path);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
