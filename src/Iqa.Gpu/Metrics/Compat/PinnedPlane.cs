namespace Iqa.Gpu.Metrics.Compat;

/// <summary>
/// A <see cref="SamplePlane"/> whose memory the caller has pinned (<c>fixed</c>), as a plain struct that
/// worker threads can share: spans cannot be captured by the lambdas of <see cref="Parallel"/>.
/// </summary>
internal readonly unsafe struct PinnedPlane
{
    private readonly byte* _bytes;
    private readonly ushort* _words;

    public PinnedPlane(byte* bytes, ushort* words, SamplePlane plane)
    {
        _bytes = bytes;
        _words = words;
        Width = plane.Width;
        Height = plane.Height;
        Stride = plane.Stride;
    }

    public int Width { get; }
    public int Height { get; }
    public int Stride { get; }

    /// <summary>Row <paramref name="y"/> of an 8-bit plane.</summary>
    public ReadOnlySpan<byte> ByteRow(int y) => new(_bytes + (nint)y * Stride, Width);

    /// <summary>Row <paramref name="y"/> of a 9- to 16-bit plane.</summary>
    public ReadOnlySpan<ushort> WordRow(int y) => new(_words + (nint)y * Stride, Width);

    /// <summary>Runs <paramref name="body"/> with both planes pinned.</summary>
    public static T With<T>(SamplePlane a, SamplePlane b, Func<PinnedPlane, PinnedPlane, T> body)
    {
        fixed (byte* ab = a.Bytes)
        fixed (ushort* aw = a.Words)
        fixed (byte* bb = b.Bytes)
        fixed (ushort* bw = b.Words)
            return body(new PinnedPlane(ab, aw, a), new PinnedPlane(bb, bw, b));
    }
}
