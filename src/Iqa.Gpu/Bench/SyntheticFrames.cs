using Iqa.Gpu.Images;

namespace Iqa.Gpu.Bench;

/// <summary>
/// Frame-like content for benchmarks, seeded and deterministic: smooth structure, edges (a checkerboard of 64-pixel
/// tiles) and sensor noise; and distorted copies with the changes codecs and cameras make (noise, blur, blocking).
/// </summary>
public static class SyntheticFrames
{
    /// <summary>Interleaved RGB: the gray structure per channel with a per-channel phase, moving with <paramref name="shift"/>.</summary>
    public static byte[] Rgb(int w, int h, int seed, double noise, int shift)
    {
        var rng = new Random(seed);
        var data = new byte[w * h * 3];
        var (across, down) = Waves(w + shift + 22, h);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int c = 0; c < 3; c++)
                    data[(y * w + x) * 3 + c] = Sample(x + shift + 11 * c, y, across, down, noise, rng);
        return data;
    }

    public static byte[] Gray(int w, int h, int seed, double noise)
    {
        var rng = new Random(seed);
        var data = new byte[w * h];
        var (across, down) = Waves(w, h);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                data[y * w + x] = Sample(x, y, across, down, noise, rng);
        return data;
    }

    /// <summary>The distortions <see cref="Pair"/> applies, in turn by frame index.</summary>
    public static readonly IReadOnlyList<string> Distortions = ["noise", "blur", "blocking"];

    /// <summary>
    /// Frame pair <paramref name="index"/> of a bench run: an RGB reference (the scene moved by 4 pixels per frame,
    /// fresh sensor noise) and a distorted copy: added noise, a 3x3 box blur, or 8x8 blocking (each block keeps its
    /// mean and a quarter of its detail, as coarse quantization does), by <paramref name="index"/> modulo 3.
    /// </summary>
    public static (DecodedImage Reference, DecodedImage Distorted) Pair(int width, int height, int index)
    {
        var reference = Rgb(width, height, seed: index + 1, noise: 4, shift: 4 * index);
        var distorted = (index % Distortions.Count) switch
        {
            0 => AddNoise(reference, seed: 1000 + index, amplitude: 12),
            1 => BoxBlur(reference, width, height),
            _ => Blocking(reference, width, height, block: 8),
        };
        return (new DecodedImage(width, height, 3, reference), new DecodedImage(width, height, 3, distorted));
    }

    /// <summary>sin(x / 37) for x below <paramref name="w"/> and cos(y / 23) for y below <paramref name="h"/>: the same values as computed per sample.</summary>
    private static (double[] Across, double[] Down) Waves(int w, int h)
    {
        var across = new double[w];
        var down = new double[h];
        for (int x = 0; x < w; x++)
            across[x] = Math.Sin(x / 37.0);
        for (int y = 0; y < h; y++)
            down[y] = Math.Cos(y / 23.0);
        return (across, down);
    }

    private static byte Sample(int x, int y, double[] across, double[] down, double noise, Random rng)
    {
        double v = 110 + 70 * across[x] * down[y] + ((x / 64 + y / 64) % 2 == 0 ? 20 : -20)
                   + noise * (rng.NextDouble() + rng.NextDouble() - 1);
        return (byte)Math.Clamp(Math.Round(v), 0, 255);
    }

    private static byte[] AddNoise(byte[] samples, int seed, double amplitude)
    {
        var rng = new Random(seed);
        var noisy = new byte[samples.Length];
        for (int i = 0; i < samples.Length; i++)
            noisy[i] = (byte)Math.Clamp(Math.Round(samples[i] + amplitude * (rng.NextDouble() + rng.NextDouble() - 1)), 0, 255);
        return noisy;
    }

    /// <summary>3x3 mean per channel, edges replicated.</summary>
    private static byte[] BoxBlur(byte[] rgb, int w, int h)
    {
        var blurred = new byte[rgb.Length];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int c = 0; c < 3; c++)
                {
                    int sum = 0;
                    for (int dy = -1; dy <= 1; dy++)
                        for (int dx = -1; dx <= 1; dx++)
                            sum += rgb[(Math.Clamp(y + dy, 0, h - 1) * w + Math.Clamp(x + dx, 0, w - 1)) * 3 + c];
                    blurred[(y * w + x) * 3 + c] = (byte)((sum + 4) / 9);
                }
        return blurred;
    }

    /// <summary>Per block and channel: the block mean plus a quarter of each sample's difference from it.</summary>
    private static byte[] Blocking(byte[] rgb, int w, int h, int block)
    {
        var blocky = new byte[rgb.Length];
        for (int by = 0; by < h; by += block)
            for (int bx = 0; bx < w; bx += block)
                for (int c = 0; c < 3; c++)
                {
                    int y1 = Math.Min(h, by + block), x1 = Math.Min(w, bx + block);
                    double sum = 0;
                    for (int y = by; y < y1; y++)
                        for (int x = bx; x < x1; x++)
                            sum += rgb[(y * w + x) * 3 + c];
                    double mean = sum / ((y1 - by) * (x1 - bx));
                    for (int y = by; y < y1; y++)
                        for (int x = bx; x < x1; x++)
                        {
                            int i = (y * w + x) * 3 + c;
                            blocky[i] = (byte)Math.Clamp(Math.Round(mean + (rgb[i] - mean) / 4), 0, 255);
                        }
                }
        return blocky;
    }
}
