namespace Iqa.Gpu.Images;

/// <summary>One channel of an image as float32 samples, row-major, no padding.</summary>
public sealed class Plane
{
    /// <summary>A plane whose samples the caller overwrites: not zeroed (at 1080p, clearing costs as much as filling).</summary>
    public Plane(int width, int height) : this(width, height, GC.AllocateUninitializedArray<float>(checked(width * height))) { }

    public Plane(int width, int height, float[] data)
    {
        if (data.Length != width * height)
            throw new ArgumentException($"plane {width}x{height} needs {width * height} samples, got {data.Length}");
        Width = width;
        Height = height;
        Data = data;
    }

    public int Width { get; }
    public int Height { get; }
    public float[] Data { get; }
    public Span<float> Row(int y) => Data.AsSpan(y * Width, Width);
}
