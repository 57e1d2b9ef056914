namespace Iqa.Gpu;

/// <summary>
/// How pixels lie in a caller's memory for <see cref="IqaEngine"/>: <paramref name="Width"/> x <paramref name="Height"/>
/// pixels of <paramref name="Channels"/> interleaved samples (1 gray, 2 gray + alpha, 3 RGB, 4 RGBA), rows
/// <paramref name="RowStride"/> samples apart (0: tightly packed), each sample <paramref name="BitDepth"/> bits
/// significant (8 in bytes; 9 to 16 in 16-bit words, e.g. 10 for 10-bit video planes: the data range is then 1023).
/// </summary>
public sealed record ImageLayout(int Width, int Height, int Channels = 1, int BitDepth = 8, int RowStride = 0)
{
    /// <summary>A gray plane of one video frame: one channel of <paramref name="bitDepth"/>-bit samples.</summary>
    public static ImageLayout Plane(int width, int height, int bitDepth = 8, int rowStride = 0) => new(width, height, 1, bitDepth, rowStride);

    /// <summary>Samples from the start of one row to the start of the next.</summary>
    public int Stride => RowStride == 0 ? Width * Channels : RowStride;

    /// <exception cref="IqaException">Sizes, channels, depth or the buffer's length do not fit.</exception>
    internal void Check(long length, int sampleBits)
    {
        if (Width < 1 || Height < 1)
            throw new IqaException($"invalid image size {Width}x{Height}");
        if (Channels is < 1 or > 4)
            throw new IqaException($"invalid channel count {Channels} (1 gray, 2 gray+alpha, 3 RGB, 4 RGBA)");
        if (sampleBits == 8 ? BitDepth != 8 : BitDepth is < 9 or > 16)
            throw new IqaException($"bit depth {BitDepth} does not fit {sampleBits}-bit samples ({(sampleBits == 8 ? "8" : "9 to 16")})");
        if (Stride < (long)Width * Channels)
            throw new IqaException($"row stride {Stride} is shorter than a row ({Width} x {Channels} samples)");
        long needed = (long)Stride * (Height - 1) + (long)Width * Channels;
        if (length < needed)
            throw new IqaException($"{Width}x{Height}x{Channels} with row stride {Stride} needs {needed} samples, the buffer holds {length}");
    }
}
