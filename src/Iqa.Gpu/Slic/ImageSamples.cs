using System.Runtime.CompilerServices;
using Iqa.Gpu.Images;

namespace Iqa.Gpu.Slic;

/// <summary>The colour samples of a decoded image (alpha skipped) as integers, with their range.</summary>
internal sealed class ImageSamples
{
    private readonly byte[]? _bytes;
    private readonly ushort[]? _words;
    private readonly int _bands;

    private ImageSamples(DecodedImage image)
    {
        _bytes = image.Bytes;
        _words = image.Words;
        _bands = image.Bands;
        Width = image.Width;
        Height = image.Height;
        Channels = image.ColorBands;
        Levels = image.BitDepth == 8 ? 256 : 65536;
        int min = int.MaxValue, max = int.MinValue;
        for (int p = 0, n = Width * Height; p < n; p++)
            for (int c = 0; c < Channels; c++)
            {
                int v = At(p, c);
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        Min = min;
        Max = max;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>1 (gray) or 3 (RGB).</summary>
    public int Channels { get; }

    /// <summary>Number of possible sample values: 256 or 65536.</summary>
    public int Levels { get; }

    public int Min { get; }
    public int Max { get; }

    public static ImageSamples Of(DecodedImage image)
    {
        if (image.Width < 1 || image.Height < 1)
            throw new IqaException($"slic: the image is empty ({image.Width}x{image.Height})");
        return new ImageSamples(image);
    }

    /// <summary>Sample of colour channel <paramref name="c"/> of pixel <paramref name="p"/> (row-major index).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int At(int p, int c) => _bytes is not null ? _bytes[p * _bands + c] : _words![p * _bands + c];
}
