using System.Numerics;

namespace Iqa.Gpu.Video;

/// <summary>
/// Integer samples to float32 as <c>fma(value, scale, offset)</c>: one rounding, so the vector body and the
/// scalar tail give identical results whatever the machine's vector width.
/// </summary>
internal static class SampleConversion
{
    public static void ToFloat(ReadOnlySpan<byte> source, Span<float> destination, float scale, float offset)
    {
        CheckLengths(source.Length, destination.Length);
        var s = new Vector<float>(scale);
        var o = new Vector<float>(offset);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= source.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                Vector.Widen(new Vector<byte>(source[i..]), out Vector<ushort> low, out Vector<ushort> high);
                Store(low, destination[i..], s, o);
                Store(high, destination[(i + Vector<ushort>.Count)..], s, o);
            }
        for (; i < source.Length; i++)
            destination[i] = MathF.FusedMultiplyAdd(source[i], scale, offset);
    }

    public static void ToFloat(ReadOnlySpan<ushort> source, Span<float> destination, float scale, float offset)
    {
        CheckLengths(source.Length, destination.Length);
        var s = new Vector<float>(scale);
        var o = new Vector<float>(offset);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= source.Length - Vector<ushort>.Count; i += Vector<ushort>.Count)
                Store(new Vector<ushort>(source[i..]), destination[i..], s, o);
        for (; i < source.Length; i++)
            destination[i] = MathF.FusedMultiplyAdd(source[i], scale, offset);
    }

    /// <summary>Converts one vector of words (two vectors of floats) into <paramref name="destination"/>.</summary>
    private static void Store(Vector<ushort> words, Span<float> destination, Vector<float> scale, Vector<float> offset)
    {
        Vector.Widen(words, out Vector<uint> low, out Vector<uint> high);
        // Values below 2^16 convert exactly through int32, which x64 does in one instruction (uint32 needs emulation).
        Vector.FusedMultiplyAdd(Vector.ConvertToSingle(Vector.AsVectorInt32(low)), scale, offset)
            .CopyTo(destination);
        Vector.FusedMultiplyAdd(Vector.ConvertToSingle(Vector.AsVectorInt32(high)), scale, offset)
            .CopyTo(destination[Vector<uint>.Count..]);
    }

    private static void CheckLengths(int source, int destination)
    {
        if (source != destination)
            throw new ArgumentException($"{source} samples do not fit a destination of {destination}");
    }
}
