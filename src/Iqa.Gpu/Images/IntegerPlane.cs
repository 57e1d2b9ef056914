namespace Iqa.Gpu.Images;

/// <summary>
/// One plane of integer samples, row-major without padding: 8-bit samples as bytes, deeper ones (9 to 16 bits) as
/// 16-bit words. What the tool-compatible profiles read: libvmaf and FFmpeg compute on the integers as decoded.
/// </summary>
public sealed class IntegerPlane
{
    public IntegerPlane(int width, int height, byte[] bytes) : this(width, height, 8, bytes, null) { }

    public IntegerPlane(int width, int height, ushort[] words, int bitDepth) : this(width, height, bitDepth, null, words) { }

    private IntegerPlane(int width, int height, int bitDepth, byte[]? bytes, ushort[]? words)
    {
        if ((bytes?.LongLength ?? words!.LongLength) < (long)width * height)
            throw new ArgumentException($"a {width}x{height} plane needs {(long)width * height} samples");
        Width = width;
        Height = height;
        BitDepth = bitDepth;
        Bytes = bytes;
        Words = words;
    }

    public int Width { get; }
    public int Height { get; }
    public int BitDepth { get; }
    public byte[]? Bytes { get; }
    public ushort[]? Words { get; }
}
