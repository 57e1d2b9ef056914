namespace Iqa.Gpu.Perf;

/// <summary>Frame-like content for benchmarks: smooth structure, edges and seeded sensor noise.</summary>
public static class SyntheticFrames
{
    public static byte[] Gray(int w, int h, int seed, double noise)
    {
        var rng = new Random(seed);
        var data = new byte[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                double v = 110 + 70 * Math.Sin(x / 37.0) * Math.Cos(y / 23.0) + ((x / 64 + y / 64) % 2 == 0 ? 20 : -20)
                           + noise * (rng.NextDouble() + rng.NextDouble() - 1);
                data[y * w + x] = (byte)Math.Clamp(Math.Round(v), 0, 255);
            }
        return data;
    }
}
