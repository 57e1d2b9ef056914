using System.Buffers;
using Iqa.Gpu.Video;

namespace Iqa.Gpu.Metrics.Compat;

/// <summary>
/// A float32 picture as libvmaf's float features hold it, row-major without padding, in a pooled buffer
/// (video scores one frame after another: fresh arrays of this size would cost more in page faults than the
/// conversion). Made by libvmaf's picture_copy (feature/picture_copy.c): samples on the 8-bit scale, 10-bit
/// ones divided by 4, 12-bit by 16, 16-bit by 256 (exact in float32), so the SSIM constants keep L = 255
/// whatever the bit depth.
/// </summary>
internal readonly struct LibvmafPicture : IDisposable
{
    private LibvmafPicture(int width, int height)
    {
        Width = width;
        Height = height;
        Data = ArrayPool<float>.Shared.Rent(checked(width * height));
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>At least Width x Height samples (a pooled array may be longer).</summary>
    public float[] Data { get; }

    /// <summary>A picture to be filled by the caller.</summary>
    public static LibvmafPicture Uninitialized(int width, int height) => new(width, height);

    /// <summary>Throws unless libvmaf reads samples of this depth (its pictures are 8, 10, 12 or 16 bits).</summary>
    public static void CheckBitDepth(int bitDepth, string what)
    {
        if (bitDepth is not (8 or 10 or 12 or 16))
            throw new IqaException($"{what}: libvmaf reads 8-, 10-, 12- and 16-bit samples, not {bitDepth}-bit ones");
    }

    /// <summary>picture_copy of <paramref name="plane"/>.</summary>
    public static LibvmafPicture From(SamplePlane plane)
    {
        int w = plane.Width, h = plane.Height;
        var picture = new LibvmafPicture(w, h);
        // Dividing by a power of two is multiplying by its exact reciprocal, and every quotient is a float32:
        // no rounding anywhere, as in libvmaf's float division.
        double scale = 1.0 / (plane.BitDepth switch { 10 => 4, 12 => 16, 16 => 256, _ => 1 });
        for (int y = 0; y < h; y++)
        {
            var row = picture.Data.AsSpan(y * w, w);
            if (plane.BitDepth == 8)
                SampleConversion.Normalize(plane.Bytes.Slice(y * plane.Stride, w), row, scale, 0);
            else
                SampleConversion.Normalize(plane.Words.Slice(y * plane.Stride, w), row, scale, 0);
        }
        return picture;
    }

    public void Dispose() => ArrayPool<float>.Shared.Return(Data);
}
