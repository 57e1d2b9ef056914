using System.Text;

namespace Iqa.Cli.Synthetic;

/// <summary>
/// A Y4M 4:2:0 8-bit clip with video-like content: a textured scene panning by a few pixels per frame with
/// fresh sensor noise each frame, and its distorted copy with stronger noise (as a coarse encode adds).
/// Generated row by row from a fast hash, so a 1080p clip of 120 frames takes about a second.
/// </summary>
public static class SyntheticVideo
{
    public static void Write(string referencePath, string distortedPath, int width, int height, int frames)
    {
        int chromaWidth = (width + 1) / 2, chromaHeight = (height + 1) / 2;
        // The scene is wider and taller than a frame, so panning never runs off it.
        int sceneWidth = width + 4 * frames, sceneHeight = height + 2 * frames;
        var scene = SyntheticFrames.Gray(sceneWidth, sceneHeight, seed: 7, noise: 0);
        var header = Encoding.ASCII.GetBytes($"YUV4MPEG2 W{width} H{height} F25:1 Ip A1:1 C420jpeg\n");
        var frameTag = "FRAME\n"u8.ToArray();
        using var reference = File.Create(referencePath);
        using var distorted = File.Create(distortedPath);
        reference.Write(header);
        distorted.Write(header);
        var refPlane = new byte[width * height + 2 * chromaWidth * chromaHeight];
        var distPlane = new byte[refPlane.Length];
        uint state = 12345;
        for (int f = 0; f < frames; f++)
        {
            for (int y = 0; y < height; y++)
            {
                int sceneRow = (y + 2 * f) * sceneWidth + 4 * f;
                for (int x = 0; x < width; x++)
                {
                    int clean = scene[sceneRow + x];
                    int sensor = Noise(ref state, 3), coding = Noise(ref state, 9);
                    refPlane[y * width + x] = Clamp(clean + sensor);
                    distPlane[y * width + x] = Clamp(clean + sensor + coding);
                }
            }
            for (int i = width * height; i < refPlane.Length; i++)
            {
                int clean = 128 + ((i / chromaWidth + f) % 64) - 32;
                refPlane[i] = Clamp(clean + Noise(ref state, 2));
                distPlane[i] = Clamp(refPlane[i] + Noise(ref state, 4));
            }
            reference.Write(frameTag);
            reference.Write(refPlane);
            distorted.Write(frameTag);
            distorted.Write(distPlane);
        }
    }

    /// <summary>A triangular-ish integer in [-amplitude, amplitude] from an xorshift generator.</summary>
    private static int Noise(ref uint state, int amplitude)
    {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return (int)(state % (uint)(2 * amplitude + 1)) - amplitude;
    }

    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);
}
