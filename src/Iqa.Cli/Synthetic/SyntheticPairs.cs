using NetVips;

namespace Iqa.Cli.Synthetic;

/// <summary>
/// Frame-dump-like RGB PNG pairs: the reference is <see cref="SyntheticFrames.Rgb"/> content with light sensor noise,
/// the distorted copy adds seeded uniform noise of ±9 (noisy content, so PNG decoding costs what it does on real frames).
/// </summary>
public static class SyntheticPairs
{
    /// <summary>Pair number <paramref name="seed"/>: its content is shifted by the seed, so pairs differ.</summary>
    public static void Write(string referencePath, string distortedPath, int width, int height, int seed)
    {
        var frame = SyntheticFrames.Rgb(width, height, seed, noise: 4, shift: seed);
        WritePng(referencePath, frame, width, height);
        var rng = new Random(seed + 7);
        for (int k = 0; k < frame.Length; k++)
            frame[k] = (byte)Math.Clamp(frame[k] + rng.Next(-9, 10), 0, 255);
        WritePng(distortedPath, frame, width, height);
    }

    private static void WritePng(string path, byte[] rgb, int width, int height)
    {
        using var image = Image.NewFromMemory(rgb, width, height, 3, Enums.BandFormat.Uchar);
        image.WriteToFile(path);
    }
}
