namespace Iqa.Cli.Synthetic;

/// <summary>Frame-like content for benchmarks and the GPU checks: smooth structure, edges and seeded sensor noise.</summary>
public static class SyntheticFrames
{
    /// <summary>Interleaved RGB: the gray structure per channel with a per-channel phase, moving with <paramref name="shift"/>.</summary>
    public static byte[] Rgb(int w, int h, int seed, double noise, int shift)
    {
        var rng = new Random(seed);
        var data = new byte[w * h * 3];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int c = 0; c < 3; c++)
                    data[(y * w + x) * 3 + c] = Sample(x + shift + 11 * c, y, noise, rng);
        return data;
    }

    private static byte Sample(int x, int y, double noise, Random rng)
    {
        double v = 110 + 70 * Math.Sin(x / 37.0) * Math.Cos(y / 23.0) + ((x / 64 + y / 64) % 2 == 0 ? 20 : -20)
                   + noise * (rng.NextDouble() + rng.NextDouble() - 1);
        return (byte)Math.Clamp(Math.Round(v), 0, 255);
    }

    public static byte[] Gray(int w, int h, int seed, double noise)
    {
        var rng = new Random(seed);
        var data = new byte[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                data[y * w + x] = Sample(x, y, noise, rng);
        return data;
    }
}
