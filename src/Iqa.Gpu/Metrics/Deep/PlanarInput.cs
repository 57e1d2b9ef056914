using System.Runtime.CompilerServices;
using Iqa.Gpu.Images;

namespace Iqa.Gpu.Metrics.Deep;

/// <summary>
/// Writes decoded images, or a rectangle of one, as planar RGB float32 (one [3, H, W] block of an NCHW batch), the
/// layout the networks take. Gray is replicated to three channels (<c>Image.open(...).convert('RGB')</c> in the
/// reference code does the same); alpha is skipped.
/// </summary>
internal static class PlanarInput
{
    /// <summary>Rows per parallel work item: big enough that scheduling costs little next to the table look-ups.</summary>
    private const int RowsPerChunk = 32;

    public static void Write(DecodedImage image, DeepInputRange range, Span<float> destination) =>
        Write(image, range, destination, new PixelRect(0, 0, image.Width, image.Height));

    public static void Write(DecodedImage image, DeepInputRange range, Span<float> destination, PixelRect rect)
    {
        if (destination.Length != 3 * rect.Width * rect.Height)
            throw new ArgumentException($"destination holds {destination.Length} floats, {3 * rect.Width * rect.Height} needed");
        if (rect.X < 0 || rect.Y < 0 || rect.Right > image.Width || rect.Bottom > image.Height)
            throw new ArgumentOutOfRangeException(nameof(rect), rect, $"outside the {image.Width}x{image.Height} image");
        float[] table = SampleScale.Table(range, image.BitDepth);
        unsafe
        {
            fixed (float* dst = destination)
            {
                var target = (IntPtr)dst;
                int chunks = (rect.Height + RowsPerChunk - 1) / RowsPerChunk;
                Parallel.For(0, chunks, chunk =>
                {
                    int y0 = chunk * RowsPerChunk, y1 = Math.Min(rect.Height, y0 + RowsPerChunk);
                    if (image.Bytes != null)
                        WriteRows(image.Bytes, image, rect, table, (float*)target, y0, y1);
                    else
                        WriteRows(image.Words!, image, rect, table, (float*)target, y0, y1);
                });
            }
        }
    }

    private static unsafe void WriteRows<T>(T[] samples, DecodedImage image, PixelRect rect, float[] table, float* dst, int y0, int y1)
        where T : unmanaged
    {
        int bands = image.Bands, plane = rect.Width * rect.Height;
        bool rgb = image.ColorBands == 3;
        float* r = dst, g = dst + plane, b = dst + 2 * plane;
        for (int y = y0; y < y1; y++)
        {
            int src = ((rect.Y + y) * image.Width + rect.X) * bands, o = y * rect.Width;
            for (int x = 0; x < rect.Width; x++, src += bands, o++)
            {
                float v0 = table[Index(samples[src])];
                r[o] = v0;
                g[o] = rgb ? table[Index(samples[src + 1])] : v0;
                b[o] = rgb ? table[Index(samples[src + 2])] : v0;
            }
        }
    }

    // T is byte or ushort; the JIT specialises each instantiation and drops the other branch.
    private static int Index<T>(T sample) where T : unmanaged =>
        typeof(T) == typeof(byte) ? Unsafe.As<T, byte>(ref sample) : Unsafe.As<T, ushort>(ref sample);
}
