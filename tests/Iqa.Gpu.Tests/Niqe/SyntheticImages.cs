using Iqa.Gpu.Images;

namespace Iqa.Gpu.Tests.Niqe;

/// <summary>Deterministic gray test images on the 0..255 integer scale.</summary>
public static class SyntheticImages
{
    /// <summary>A natural-looking texture: smooth random relief (a sum of random sinusoids) plus white noise, rounded.</summary>
    public static Plane Texture(int width, int height, int seed, double noise = 8)
    {
        var rng = new Random(seed);
        var waves = Enumerable.Range(0, 12).Select(_ => (
            Fx: rng.NextDouble() * 0.2, Fy: rng.NextDouble() * 0.2, Phase: rng.NextDouble() * 2 * Math.PI,
            Amp: 10 + rng.NextDouble() * 20)).ToArray();
        var plane = new Plane(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                double v = 128 + waves.Sum(w => w.Amp / 3 * Math.Sin(w.Fx * x + w.Fy * y + w.Phase)) + noise * Gaussian(rng);
                plane.Data[y * width + x] = (float)Math.Clamp(Math.Round(v), 0, 255);
            }
        return plane;
    }

    /// <summary>A constant image.</summary>
    public static Plane Constant(int width, int height, float value)
    {
        var plane = new Plane(width, height);
        Array.Fill(plane.Data, value);
        return plane;
    }

    /// <summary>
    /// Flat areas, horizontal and diagonal integer ramps (whose exact MSCN is 0 away from their ends) and a
    /// noisy patch: every kind of pixel the MSCN rules treat differently.
    /// </summary>
    public static Plane FlatsAndRamps(int width, int height, int seed)
    {
        var rng = new Random(seed);
        var plane = new Plane(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                double v = (x / 40 + y / 40) % 3 switch
                {
                    0 => 90,
                    1 => 20 + (x % 40) * 3,
                    _ => 40 + (x % 40) + (y % 40),
                };
                if (x > width / 2 && y > height / 2)
                    v += 20 * Gaussian(rng);
                plane.Data[y * width + x] = (float)Math.Clamp(Math.Round(v), 0, 255);
            }
        return plane;
    }

    /// <summary>A 5×5 box blur with replicated borders, rounded to integers.</summary>
    public static Plane Blur(Plane src)
    {
        var dst = new Plane(src.Width, src.Height);
        for (int y = 0; y < src.Height; y++)
            for (int x = 0; x < src.Width; x++)
            {
                double sum = 0;
                for (int dy = -2; dy <= 2; dy++)
                    for (int dx = -2; dx <= 2; dx++)
                        sum += src.Data[Math.Clamp(y + dy, 0, src.Height - 1) * src.Width + Math.Clamp(x + dx, 0, src.Width - 1)];
                dst.Data[y * src.Width + x] = (float)Math.Round(sum / 25);
            }
        return dst;
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
