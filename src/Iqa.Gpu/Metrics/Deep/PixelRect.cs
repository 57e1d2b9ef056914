namespace Iqa.Gpu.Metrics.Deep;

/// <summary>A rectangle of pixels: left, top, width, height.</summary>
internal readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;
    public int Bottom => Y + Height;
}
