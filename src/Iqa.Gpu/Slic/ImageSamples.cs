using System.Numerics;
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
        Levels = image.Bytes is not null ? 256 : 65536;
        (Min, Max) = _bands == Channels
            ? (_bytes is not null ? Range<byte>(_bytes) : Range<ushort>(_words!))
            : ColourRange();
    }

    /// <summary>Smallest and largest of all samples (no alpha band to skip).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Min, int Max) Range<T>(T[] samples) where T : unmanaged, INumber<T>
    {
        var min = new Vector<T>(samples[0]);
        var max = min;
        int i = 0;
        for (; i + Vector<T>.Count <= samples.Length; i += Vector<T>.Count)
        {
            var v = new Vector<T>(samples, i);
            min = Vector.Min(min, v);
            max = Vector.Max(max, v);
        }
        T lo = samples[0], hi = samples[0];
        for (int l = 0; l < Vector<T>.Count; l++)
        {
            lo = T.Min(lo, min[l]);
            hi = T.Max(hi, max[l]);
        }
        for (; i < samples.Length; i++)
        {
            lo = T.Min(lo, samples[i]);
            hi = T.Max(hi, samples[i]);
        }
        return (int.CreateTruncating(lo), int.CreateTruncating(hi));
    }

    private (int Min, int Max) ColourRange()
    {
        int min = int.MaxValue, max = int.MinValue;
        for (int p = 0, n = Width * Height; p < n; p++)
            for (int c = 0; c < Channels; c++)
            {
                int v = At(p, c);
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        return (min, max);
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>1 (gray) or 3 (RGB).</summary>
    public int Channels { get; }

    /// <summary>Number of values the sample type holds: 256 (bytes) or 65536 (16-bit words).</summary>
    public int Levels { get; }

    /// <summary>
    /// The largest value of the sample type, 255 or 65535: <c>img_as_float</c> divides by the dtype's maximum (a
    /// uint16 array holding 10-bit samples included), not by the samples' bit depth.
    /// </summary>
    public double TypeMax => Levels - 1;

    public int Min { get; }
    public int Max { get; }

    /// <summary>The samples of a non-empty image.</summary>
    public static ImageSamples Of(DecodedImage image) => new(image);

    /// <summary>Colour channel <paramref name="c"/> of row <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Row(int y, int c, Span<int> destination)
    {
        int start = y * Width * _bands + c;
        if (_bytes is not null)
        {
            ReadOnlySpan<byte> source = _bytes.AsSpan(start);
            for (int x = 0, i = 0; x < Width; x++, i += _bands)
                destination[x] = source[i];
        }
        else
        {
            ReadOnlySpan<ushort> source = _words!.AsSpan(start);
            for (int x = 0, i = 0; x < Width; x++, i += _bands)
                destination[x] = source[i];
        }
    }

    /// <summary>Sample of colour channel <paramref name="c"/> of pixel <paramref name="p"/> (row-major index).</summary>
    private int At(int p, int c) => _bytes is not null ? _bytes[p * _bands + c] : _words![p * _bands + c];
}
