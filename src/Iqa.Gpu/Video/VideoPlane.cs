using System.Runtime.InteropServices;
using Iqa.Gpu.Images;

namespace Iqa.Gpu.Video;

/// <summary>
/// One plane of a <see cref="VideoFrame"/> as stored in the stream: 8-bit samples in <see cref="Bytes"/>,
/// deeper ones in <see cref="Words"/> (exactly one of the two is set). Row-major, no padding.
/// </summary>
public sealed class VideoPlane : ISampleSource
{
    internal VideoPlane(int width, int height, int bitDepth)
    {
        Width = width;
        Height = height;
        BitDepth = bitDepth;
        if (bitDepth > 8)
            Words = new ushort[checked(width * height)];
        else
            Bytes = new byte[checked(width * height)];
    }

    public int Width { get; }
    public int Height { get; }
    public int BitDepth { get; }
    public byte[]? Bytes { get; }

    int ISampleSource.ColorBands => 1;

    /// <summary>The largest sample value of the bit depth (1023 for 10-bit).</summary>
    public double MaxValue => (1 << BitDepth) - 1;
    public ushort[]? Words { get; }

    /// <summary>The samples' memory as the file stores it (16-bit words little-endian on little-endian hosts).</summary>
    internal Span<byte> Storage => Bytes ?? MemoryMarshal.AsBytes(Words.AsSpan());

    /// <summary>
    /// Writes every sample normalized, <c>(float)(value * scale + offset)</c> in double as <see cref="ToPlanes"/> computes
    /// it, into <paramref name="destination"/>, which must have this plane's size (e.g. scale = 1/1023 for 10-bit).
    /// </summary>
    public void WriteTo(Plane destination, double scale = 1, double offset = 0)
    {
        if (destination.Width != Width || destination.Height != Height)
            throw new ArgumentException(
                $"destination plane is {destination.Width}x{destination.Height}, the video plane {Width}x{Height}");
        if (Bytes is not null)
            SampleConversion.Normalize(Bytes, destination.Data, scale, offset);
        else
            SampleConversion.Normalize(Words, destination.Data, scale, offset);
    }

    /// <summary>
    /// The plane itself (a video plane has no colour to convert), each sample computed in double as
    /// <c>v * scale + offset</c> and rounded to float once, as images are (samples above the bit depth's
    /// largest value, which a damaged stream may hold, are converted as they are).
    /// </summary>
    public Plane[] ToPlanes(ColorMode mode, double scale, double offset)
    {
        var plane = new Plane(Width, Height);
        WriteTo(plane, scale, offset);
        return [plane];
    }

    /// <summary>The plane itself: its samples, no copy.</summary>
    public IntegerPlane[] ToIntegerPlanes(ColorMode mode) =>
        [Bytes is { } bytes ? new IntegerPlane(Width, Height, bytes) : new IntegerPlane(Width, Height, Words!, BitDepth)];

    public PlaneRows[] Rows(ColorMode mode, double scale, double offset) =>
    [
        Bytes is { } bytes
            ? new SampleRows<byte>(bytes, Width, Height, 1, 0, Width, BitDepth, scale, offset)
            : new SampleRows<ushort>(Words!, Width, Height, 1, 0, Width, BitDepth, scale, offset),
    ];
}
