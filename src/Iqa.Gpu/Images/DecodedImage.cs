namespace Iqa.Gpu.Images;

/// <summary>
/// Decoded pixels, interleaved, exactly as stored in the file: 8-bit samples in <see cref="Bytes"/>
/// or 16-bit samples in <see cref="Words"/>. <see cref="Bands"/> counts every stored band, alpha included;
/// <see cref="ColorBands"/> is 1 (gray) or 3 (RGB) — alpha is never used by a metric.
/// </summary>
public sealed class DecodedImage
{
    public DecodedImage(int width, int height, int bands, byte[] bytes)
        : this(width, height, bands, 8, bytes, null) { }

    public DecodedImage(int width, int height, int bands, ushort[] words)
        : this(width, height, bands, 16, null, words) { }

    private DecodedImage(int width, int height, int bands, int bitDepth, byte[]? bytes, ushort[]? words)
    {
        if (bands is < 1 or > 4)
            throw new ArgumentOutOfRangeException(nameof(bands), bands, "1 to 4 bands are supported");
        Width = width;
        Height = height;
        Bands = bands;
        BitDepth = bitDepth;
        Bytes = bytes;
        Words = words;
        long expected = (long)width * height * bands;
        long actual = bytes?.LongLength ?? words!.LongLength;
        if (actual != expected)
            throw new ArgumentException($"expected {expected} samples, got {actual}");
    }

    public int Width { get; }
    public int Height { get; }
    public int Bands { get; }
    public int BitDepth { get; }
    public byte[]? Bytes { get; }
    public ushort[]? Words { get; }

    /// <summary>1 for gray and gray+alpha, 3 for RGB and RGBA.</summary>
    public int ColorBands => Bands >= 3 ? 3 : 1;

    public bool HasAlpha => Bands is 2 or 4;

    /// <summary>The largest sample value, the default data range: 255 for 8-bit, 65535 for 16-bit.</summary>
    public double MaxValue => BitDepth == 8 ? 255.0 : 65535.0;

    public string Describe() =>
        $"{Width}x{Height} {(ColorBands == 3 ? "RGB" : "gray")}{(HasAlpha ? "+alpha" : "")} {BitDepth}-bit";
}
