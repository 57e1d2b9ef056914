using Iqa.Gpu.Video;

namespace Iqa.Gpu.Metrics.Compat;

/// <summary>
/// libvmaf's picture_copy (libvmaf/src/feature/picture_copy.c): the float32 plane its float features work
/// on, samples scaled to the 8-bit range: 10-bit samples divided by 4, 12-bit by 16, 16-bit by 256 (exact in
/// float32), so the SSIM constants keep L = 255 whatever the bit depth.
/// </summary>
internal static class LibvmafPicture
{
    /// <summary>Throws unless libvmaf reads samples of this depth (its pictures are 8, 10, 12 or 16 bits).</summary>
    public static void CheckBitDepth(int bitDepth, string what)
    {
        if (bitDepth is not (8 or 10 or 12 or 16))
            throw new IqaException($"{what}: libvmaf reads 8-, 10-, 12- and 16-bit samples, not {bitDepth}-bit ones");
    }

    /// <summary>The plane as float32, row-major without padding.</summary>
    public static float[] ToFloat(SamplePlane plane)
    {
        int w = plane.Width, h = plane.Height;
        var result = GC.AllocateUninitializedArray<float>(checked(w * h));
        // Dividing by a power of two is multiplying by its exact reciprocal: one rounding-free operation.
        float scale = 1f / (plane.BitDepth switch { 10 => 4, 12 => 16, 16 => 256, _ => 1 });
        for (int y = 0; y < h; y++)
        {
            var row = result.AsSpan(y * w, w);
            if (plane.BitDepth == 8)
                SampleConversion.ToFloat(plane.Bytes.Slice(y * plane.Stride, w), row, scale, 0f);
            else
                SampleConversion.ToFloat(plane.Words.Slice(y * plane.Stride, w), row, scale, 0f);
        }
        return result;
    }
}
