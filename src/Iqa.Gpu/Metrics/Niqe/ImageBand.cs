namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// Rows <see cref="First"/> … of a <see cref="Width"/>×<see cref="Height"/> image, held row-major in
/// <see cref="Data"/>: the part of a scale one block row's MSCN reads (its rows and the window's margin).
/// </summary>
internal readonly record struct ImageBand(double[] Data, int First, int Width, int Height)
{
    /// <summary>The index in <see cref="Data"/> of image row <paramref name="y"/>, clamped to the image (replicated borders).</summary>
    public int Row(int y) => (Math.Clamp(y, 0, Height - 1) - First) * Width;
}
