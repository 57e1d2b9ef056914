using System.Runtime.CompilerServices;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;

namespace Iqa.Gpu.Metrics.Niqe;

/// <summary>
/// One scale of the image NIQE measures: <see cref="Width"/>×<see cref="Height"/> samples on the 0..255 scale, in
/// double, produced a band of rows at a time. The host computes each block row from its own band (the MSCN window's
/// margin included), so no whole-image double plane exists on the <c>cpu</c> device: the full scale is read from
/// the gray plane's float rows, the half scale is resized from them band by band (<see cref="HalfScaleResize"/>).
/// </summary>
public abstract class NiqeImage(int width, int height)
{
    /// <summary>Rows per band of <see cref="ReadAll"/>.</summary>
    private const int BandRows = 32;

    public int Width { get; } = width;
    public int Height { get; } = height;

    /// <summary>Rows <paramref name="first"/> … first + count − 1, row-major, into the start of <paramref name="destination"/>.</summary>
    public abstract void ReadRows(int first, int count, Span<double> destination);

    /// <summary>The whole image, row-major, into the start of <paramref name="destination"/>, bands in parallel (<see cref="CpuParallel"/>).</summary>
    public void ReadAll(double[] destination) =>
        CpuParallel.For((Height + BandRows - 1) / BandRows, band =>
        {
            int first = band * BandRows, count = Math.Min(BandRows, Height - first);
            ReadRows(first, count, destination.AsSpan(first * Width, count * Width));
        });

    /// <summary>The top-left <paramref name="width"/>×<paramref name="height"/> of <paramref name="gray"/> (computequality.m's crop).</summary>
    public static NiqeImage Cropped(Plane gray, int width, int height) => new CroppedPlane(gray, width, height);

    /// <summary>A gray plane's top-left corner, its float samples widened to double (exactly) as they are read.</summary>
    private sealed class CroppedPlane(Plane gray, int width, int height) : NiqeImage(width, height)
    {
        public override void ReadRows(int first, int count, Span<double> destination)
        {
            for (int y = 0; y < count; y++)
                Widen(gray.Row(first + y)[..Width], destination.Slice(y * Width, Width));
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void Widen(ReadOnlySpan<float> src, Span<double> dst)
        {
            for (int x = 0; x < src.Length; x++)
                dst[x] = src[x];
        }
    }
}
