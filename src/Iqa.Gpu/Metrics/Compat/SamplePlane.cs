namespace Iqa.Gpu.Metrics.Compat;

/// <summary>
/// One plane of integer samples as a decoder or a video file holds it: 8-bit samples as bytes, deeper ones
/// (9 to 16 bits) as 16-bit words; row <c>y</c> starts at sample <c>y * Stride</c>. The compat metrics read
/// these integers as libvmaf and FFmpeg read their frames.
/// </summary>
public readonly ref struct SamplePlane
{
    /// <summary>An 8-bit plane.</summary>
    /// <param name="stride">Samples from the start of one row to the next (at least <paramref name="width"/>).</param>
    public SamplePlane(ReadOnlySpan<byte> samples, int width, int height, int stride)
    {
        CheckLayout(samples.Length, width, height, stride);
        Bytes = samples;
        Width = width;
        Height = height;
        Stride = stride;
        BitDepth = 8;
    }

    /// <summary>A plane of 9- to 16-bit samples in the low bits of each word.</summary>
    /// <param name="stride">Samples (words) from the start of one row to the next (at least <paramref name="width"/>).</param>
    public SamplePlane(ReadOnlySpan<ushort> samples, int width, int height, int stride, int bitDepth)
    {
        if (bitDepth is < 9 or > 16)
            throw new IqaException($"a plane of 16-bit words holds 9- to 16-bit samples, not {bitDepth}-bit ones");
        CheckLayout(samples.Length, width, height, stride);
        Words = samples;
        Width = width;
        Height = height;
        Stride = stride;
        BitDepth = bitDepth;
    }

    /// <summary>The samples of an 8-bit plane; empty otherwise.</summary>
    public ReadOnlySpan<byte> Bytes { get; }

    /// <summary>The samples of a 9- to 16-bit plane; empty otherwise.</summary>
    public ReadOnlySpan<ushort> Words { get; }

    public int Width { get; }
    public int Height { get; }
    public int Stride { get; }
    public int BitDepth { get; }

    /// <summary>True for the default value, which stands for an absent plane.</summary>
    public bool IsEmpty => Width == 0;

    /// <summary>Throws unless <paramref name="other"/> has this plane's size and bit depth.</summary>
    /// <param name="what">The metric and plane, as named in the message.</param>
    internal void CheckSameShape(SamplePlane other, string what)
    {
        if (other.Width != Width || other.Height != Height)
            throw new IqaException($"{what}: planes differ in size ({Width}x{Height} and {other.Width}x{other.Height})");
        if (other.BitDepth != BitDepth)
            throw new IqaException($"{what}: planes differ in bit depth ({BitDepth} and {other.BitDepth} bits)");
    }

    private static void CheckLayout(int length, int width, int height, int stride)
    {
        if (width < 1 || height < 1)
            throw new IqaException($"a sample plane needs a positive size, not {width}x{height}");
        if (stride < width)
            throw new IqaException($"a {width}x{height} plane needs a stride of at least {width} samples, not {stride}");
        long needed = (long)(height - 1) * stride + width;
        if (length < needed)
            throw new IqaException(
                $"a {width}x{height} plane with a stride of {stride} needs {needed} samples, only {length} given");
    }
}
