namespace Iqa.Gpu.Metrics.Compat;

/// <summary>
/// The planes of one video frame: luma alone (gray) or Y, U and V. The chroma planes have one size between
/// them and the luma plane's bit depth; what that size is (rounded up or down for odd frame sizes) is the
/// caller's: libvmaf's pictures have chroma of (w &gt;&gt; 1) x (h &gt;&gt; 1) in 4:2:0, FFmpeg's round up.
/// </summary>
public readonly ref struct SampleFrame
{
    /// <summary>A gray frame.</summary>
    public SampleFrame(SamplePlane y)
    {
        if (y.IsEmpty)
            throw new IqaException("a frame needs a luma plane");
        Y = y;
        PlaneCount = 1;
    }

    /// <summary>A Y, U, V frame.</summary>
    public SampleFrame(SamplePlane y, SamplePlane u, SamplePlane v)
    {
        if (y.IsEmpty || u.IsEmpty || v.IsEmpty)
            throw new IqaException("a Y, U, V frame needs all three planes");
        u.CheckSameShape(v, "chroma planes U and V");
        if (u.BitDepth != y.BitDepth)
            throw new IqaException($"chroma planes of {u.BitDepth} bits with a luma plane of {y.BitDepth} bits");
        Y = y;
        U = u;
        V = v;
        PlaneCount = 3;
    }

    public SamplePlane Y { get; }

    /// <summary>Empty (<see cref="SamplePlane.IsEmpty"/>) in a gray frame.</summary>
    public SamplePlane U { get; }

    /// <summary>Empty (<see cref="SamplePlane.IsEmpty"/>) in a gray frame.</summary>
    public SamplePlane V { get; }

    /// <summary>1 (gray) or 3.</summary>
    public int PlaneCount { get; }

    public int BitDepth => Y.BitDepth;

    /// <summary>Plane 0 (Y), 1 (U) or 2 (V).</summary>
    public SamplePlane this[int plane] => plane switch
    {
        0 => Y,
        1 when PlaneCount == 3 => U,
        2 when PlaneCount == 3 => V,
        _ => throw new ArgumentOutOfRangeException(nameof(plane), $"plane {plane} of a frame of {PlaneCount}"),
    };

    /// <summary>Throws unless <paramref name="other"/> has the same planes, sizes and bit depth.</summary>
    /// <param name="what">The metric, as named in the message.</param>
    internal void CheckSameShape(SampleFrame other, string what)
    {
        if (other.PlaneCount != PlaneCount)
            throw new IqaException($"{what}: frames of {PlaneCount} and {other.PlaneCount} planes");
        for (int p = 0; p < PlaneCount; p++)
            this[p].CheckSameShape(other[p], $"{what}, plane {"YUV"[p]}");
    }
}
