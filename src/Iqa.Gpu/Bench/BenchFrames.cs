using System.Diagnostics;
using Iqa.Gpu.Images;
using Iqa.Gpu.Video;

namespace Iqa.Gpu.Bench;

/// <summary>One reference frame and its distorted copy, as the metrics read them.</summary>
public sealed record BenchFramePair(ISampleSource Reference, ISampleSource Distorted);

/// <summary>The frame pairs of one size that every device measures.</summary>
/// <param name="Source">What the frames are: generated (and how) or the files read.</param>
/// <param name="DecodeMs">Mean time to read and decode one pair from its files; null for generated frames.</param>
public sealed record BenchFrameSet(int Width, int Height, IReadOnlyList<BenchFramePair> Pairs, string Source, double? DecodeMs)
{
    public string Size => $"{Width}x{Height}";
}

/// <summary>
/// Makes the frames a bench run measures: generated at given sizes (<see cref="SyntheticFrames.Pair"/>), or read from
/// image pairs or the first frames of a video pair (luma planes). Sizes and counts are bounded.
/// </summary>
public static class BenchFrames
{
    public const int MinSide = 16;
    public const int MaxSide = 16384;

    /// <summary>8K UHD, 7680 x 4320: the largest generated frame (two RGB copies of it take 200 MB per pair).</summary>
    public const long MaxPixels = 7680L * 4320;

    public const int MaxFrames = 64;

    /// <summary>Parses <c>WIDTHxHEIGHT</c> within the bounds.</summary>
    /// <exception cref="IqaException">Not of that form, or out of bounds.</exception>
    public static (int Width, int Height) ParseSize(string text)
    {
        var parts = text.Trim().ToLowerInvariant().Split('x');
        if (parts.Length != 2 || !int.TryParse(parts[0], out int w) || !int.TryParse(parts[1], out int h))
            throw new IqaException($"invalid size '{text}' (WIDTHxHEIGHT, e.g. 1920x1080)");
        CheckSize(w, h, $"size '{text}'");
        return (w, h);
    }

    private static void CheckSize(int width, int height, string what)
    {
        if (width < MinSide || height < MinSide || width > MaxSide || height > MaxSide || (long)width * height > MaxPixels)
            throw new IqaException($"invalid {what} (each side {MinSide} to {MaxSide}, and {MaxPixels} pixels, 7680x4320, or fewer)");
    }

    /// <summary><paramref name="count"/> generated pairs (noise, blur and blocking in turn), made in parallel.</summary>
    public static BenchFrameSet Synthetic(int width, int height, int count)
    {
        CheckCount(count);
        CheckSize(width, height, $"size {width}x{height}");
        var pairs = new BenchFramePair[count];
        Parallel.For(0, count, i =>
        {
            var (reference, distorted) = SyntheticFrames.Pair(width, height, i);
            pairs[i] = new BenchFramePair(reference, distorted);
        });
        return new BenchFrameSet(width, height, pairs,
            $"generated RGB frames, distorted by {string.Join(", ", SyntheticFrames.Distortions)} in turn", null);
    }

    /// <summary>
    /// The first <paramref name="count"/> image pairs, decoded (and timed); pairs of different sizes make one set per size.
    /// </summary>
    /// <exception cref="IqaException">A file is missing or undecodable, or a pair does not match.</exception>
    public static IReadOnlyList<BenchFrameSet> Images(IReadOnlyList<(string Reference, string Distorted)> files, int count, long maxPixels)
    {
        CheckCount(count);
        var decoded = new List<(string Files, DecodedImage Reference, DecodedImage Distorted, double Ms)>();
        foreach (var (referencePath, distortedPath) in files.Take(count))
        {
            var clock = Stopwatch.StartNew();
            var reference = ImageDecoder.Decode(referencePath, maxPixels);
            var distorted = ImageDecoder.Decode(distortedPath, maxPixels);
            double ms = clock.Elapsed.TotalMilliseconds;
            if (reference.ColorBands != distorted.ColorBands)
                throw new IqaException($"{distortedPath}: {Bands(distorted)} while the reference {referencePath} is {Bands(reference)}");
            Check(referencePath, reference, distortedPath, distorted);
            decoded.Add(($"{referencePath},{distortedPath}", reference, distorted, ms));
        }
        return decoded.GroupBy(d => (d.Reference.Width, d.Reference.Height))
            .Select(g => new BenchFrameSet(g.Key.Width, g.Key.Height,
                [.. g.Select(d => new BenchFramePair(d.Reference, d.Distorted))],
                $"image pairs {string.Join("; ", g.Select(d => d.Files))}", g.Average(d => d.Ms)))
            .ToList();
    }

    /// <summary>The luma planes of the first <paramref name="count"/> frames of two videos, read (and timed) in step.</summary>
    /// <exception cref="IqaException">A video can't be read, has no complete frame, or the two do not match.</exception>
    public static BenchFrameSet Video(string referencePath, string distortedPath, int count, long maxPixels)
    {
        CheckCount(count);
        using var reference = VideoSource.Open(referencePath, maxPixels: maxPixels);
        using var distorted = VideoSource.Open(distortedPath, maxPixels: maxPixels);
        var pairs = new List<BenchFramePair>();
        double totalMs = 0;
        while (pairs.Count < count)
        {
            VideoFrame r = new(), d = new();
            var clock = Stopwatch.StartNew();
            if (!reference.ReadFrame(r) || !distorted.ReadFrame(d))
                break;
            totalMs += clock.Elapsed.TotalMilliseconds;
            Check(referencePath, r.Y, distortedPath, d.Y);
            pairs.Add(new BenchFramePair(r.Y, d.Y));
        }
        if (pairs.Count == 0)
            throw new IqaException($"{referencePath}, {distortedPath}: no complete frame pair to measure");
        return new BenchFrameSet(pairs[0].Reference.Width, pairs[0].Reference.Height, pairs,
            $"luma planes of the first {pairs.Count} frames of {referencePath},{distortedPath}", totalMs / pairs.Count);
    }

    private static void CheckCount(int count)
    {
        if (count is < 1 or > MaxFrames)
            throw new IqaException($"invalid frame count {count} (1 to {MaxFrames})");
    }

    private static void Check(string referencePath, ISampleSource reference, string distortedPath, ISampleSource distorted)
    {
        if (reference.Width != distorted.Width || reference.Height != distorted.Height)
            throw new IqaException(
                $"{distortedPath}: size {distorted.Width}x{distorted.Height} differs from the reference {referencePath} ({reference.Width}x{reference.Height})");
        if (!reference.MaxValue.Equals(distorted.MaxValue))
            throw new IqaException($"{distortedPath}: bit depth differs from the reference {referencePath}");
        if (reference.Width < MinSide || reference.Height < MinSide)
            throw new IqaException($"{referencePath}: {reference.Width}x{reference.Height} is smaller than {MinSide}x{MinSide}");
    }

    private static string Bands(ISampleSource image) => image.ColorBands == 3 ? "RGB" : "gray";
}
