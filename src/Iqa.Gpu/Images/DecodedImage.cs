namespace Iqa.Gpu.Images;

/// <summary>
/// Decoded pixels, interleaved, exactly as stored: 8-bit samples in <see cref="Bytes"/> or deeper ones (9 to 16 bits,
/// one per 16-bit word) in <see cref="Words"/>. <see cref="Bands"/> counts every stored band, alpha included;
/// <see cref="ColorBands"/> is 1 (gray) or 3 (RGB) — alpha is never used by a metric.
/// </summary>
public sealed class DecodedImage : ISampleSource
{
    public DecodedImage(int width, int height, int bands, byte[] bytes)
        : this(width, height, bands, 8, bytes, null) { }

    /// <param name="bitDepth">Significant bits of the samples, 9 to 16 (10 for 10-bit frames stored in 16-bit words).</param>
    public DecodedImage(int width, int height, int bands, ushort[] words, int bitDepth = 16)
        : this(width, height, bands, bitDepth, null, words)
    {
        if (bitDepth is < 9 or > 16)
            throw new ArgumentOutOfRangeException(nameof(bitDepth), bitDepth, "16-bit words hold 9 to 16 significant bits");
    }

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

    /// <summary>The largest sample value, the default data range: 255 for 8-bit, 1023 for 10-bit, 65535 for 16-bit.</summary>
    public double MaxValue => (1 << BitDepth) - 1;

    public Plane[] ToPlanes(ColorMode mode, double scale, double offset) => ColorConversion.ToPlanes(this, mode, scale, offset);

    /// <summary>Gray, luma and RGB channels are integers (gray and luma are rounded); <c>y</c> is refused.</summary>
    public IntegerPlane[] ToIntegerPlanes(ColorMode mode)
    {
        if (mode == ColorMode.Y && ColorBands == 3)
            throw new IqaException("colour mode y is not rounded to integers, which libvmaf and FFmpeg read: use gray, luma or rgb");
        return [.. ToPlanes(mode, 1, 0).Select(p => BitDepth == 8
            ? new IntegerPlane(Width, Height, [.. p.Data.Select(v => (byte)v)])
            : new IntegerPlane(Width, Height, [.. p.Data.Select(v => (ushort)v)], BitDepth))];
    }

    public PlaneRows[] Rows(ColorMode mode, double scale, double offset) => ColorConversion.Rows(this, mode, scale, offset);
}
