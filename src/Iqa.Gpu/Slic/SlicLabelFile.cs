using NetVips;

namespace Iqa.Gpu.Slic;

/// <summary>
/// Writes a label map as an image whose sample values are the labels: a 16-bit gray PNG (labels 0 to 65,535, the
/// format of refdata/slic_ref/labels) or, for any int32 label, a 32-bit signed-integer gray TIFF (deflate-compressed;
/// numpy reads it back as int32 with tifffile).
/// </summary>
public static class SlicLabelFile
{
    /// <summary>The largest label a 16-bit PNG holds.</summary>
    public const int MaxPngLabel = ushort.MaxValue;

    /// <summary>Writes <paramref name="result"/>'s labels to <paramref name="path"/>: .png (16-bit) or .tif/.tiff (32-bit).</summary>
    public static void Write(SlicResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".png")
        {
            int min = result.Labels.Min();
            if (min < 0 || result.MaxLabel > MaxPngLabel)
                throw new IqaException(
                    $"{path}: labels {min} to {result.MaxLabel} do not fit a 16-bit PNG (0 to {MaxPngLabel}); write a .tiff instead");
            var words = new ushort[result.Labels.Length];
            for (int i = 0; i < words.Length; i++)
                words[i] = (ushort)result.Labels[i];
            Save(path, () =>
            {
                using var image = Image.NewFromMemory(words, result.Width, result.Height, 1, Enums.BandFormat.Ushort);
                using var gray = image.Copy(interpretation: Enums.Interpretation.Grey16);
                gray.Pngsave(path);
            });
        }
        else if (extension is ".tif" or ".tiff")
            Save(path, () =>
            {
                using var image = Image.NewFromMemory(result.Labels, result.Width, result.Height, 1, Enums.BandFormat.Int);
                image.Tiffsave(path, compression: Enums.ForeignTiffCompression.Deflate);
            });
        else
            throw new IqaException($"{path}: label maps are written as .png (16-bit, labels up to {MaxPngLabel}) or .tif/.tiff (32-bit)");
    }

    /// <summary>Runs a libvips save, turning its failures (and the file system's) into one error naming the file.</summary>
    internal static void Save(string path, Action save)
    {
        try
        {
            save();
        }
        catch (Exception e) when (e is VipsException or IOException or UnauthorizedAccessException)
        {
            string reason = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "unknown error";
            throw new IqaException($"{path}: cannot write image ({reason})", e);
        }
    }
}
