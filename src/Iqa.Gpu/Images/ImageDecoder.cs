using System.IO.Enumeration;

namespace Iqa.Gpu.Images;

/// <summary>
/// Decodes an image file to its exact 8- or 16-bit samples. The format is decided by the file's first bytes
/// (<see cref="ImageFormats"/>), whatever its name says: PNG, JPEG, TIFF, WebP and GIF through libvips
/// (<see cref="VipsDecoder"/>), BMP and TGA through ImageSharp (<see cref="ImageSharpDecoder"/>), binary
/// PBM/PGM/PPM by <see cref="PnmDecoder"/>. Every path checks the size from the header before decoding a pixel,
/// decodes the file in full (a truncated or corrupt file is an error, never a partial image), and refuses files
/// holding several frames or pages (animated GIF or WebP, multi-page TIFF).
/// </summary>
public static class ImageDecoder
{
    /// <summary>Default decompression-bomb guard: 2^28 pixels (e.g. 16384 x 16384).</summary>
    public const long DefaultMaxPixels = 1L << 28;

    /// <summary>The largest --max-pixels accepted: the samples of an RGBA image are one .NET array (2^31 elements at most).</summary>
    public const long LargestMaxPixels = int.MaxValue / 4;

    /// <summary>Whether a file name has the extension of a format decoded here, for picking images out of folders.</summary>
    public static bool IsImageFile(string path) => ImageFormats.HasImageExtension(path);

    /// <summary>
    /// The image files under a folder and its subfolders, in ordinal order, named from <paramref name="folder"/> as
    /// given. Symbolic links to folders are not followed (a link to a parent would make the walk endless); links
    /// to files are read.
    /// </summary>
    public static IReadOnlyList<string> ImagesUnder(string folder)
    {
        var walk = new FileSystemEnumerable<string>(folder, (ref FileSystemEntry entry) => entry.ToSpecifiedFullPath(),
            new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false })
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory && IsImageFile(entry.FileName.ToString()),
            ShouldRecursePredicate = (ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        try
        {
            return walk.Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IqaException($"{folder}: cannot read the folder ({e.Message})", e);
        }
    }

    public static DecodedImage Decode(string path, long maxPixels = DefaultMaxPixels)
    {
        if (maxPixels is < 1 or > LargestMaxPixels)
            throw new IqaException($"invalid pixel limit {maxPixels} (1 to {LargestMaxPixels})");
        if (!File.Exists(path))
            throw new IqaException(Directory.Exists(path) ? $"{path}: is a directory, not an image file" : $"{path}: file not found");
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            Span<byte> head = stackalloc byte[ImageFormats.HeadLength];
            int length = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var format = ImageFormats.Detect(head[..length], path)
                ?? throw new IqaException($"{path}: cannot decode image (not a {ImageFormats.Supported} file)");
            file.Position = 0;
            return format switch
            {
                ImageFormat.Bmp or ImageFormat.Tga => ImageSharpDecoder.Decode(file, path, format, maxPixels),
                ImageFormat.Pnm => PnmDecoder.Decode(file, path, maxPixels),
                _ => VipsDecoder.Decode(path, format, maxPixels),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IqaException($"{path}: cannot read file ({e.Message})", e);
        }
    }

    /// <summary>The decompression-bomb guard, applied to the size a header announces.</summary>
    internal static void CheckSize(string path, int width, int height, long maxPixels)
    {
        if (width <= 0 || height <= 0)
            throw new IqaException($"{path}: invalid image size {width}x{height}");
        long pixels = (long)width * height;
        if (pixels > maxPixels)
            throw new IqaException(
                $"{path}: {width}x{height} = {pixels} pixels exceeds the limit of {maxPixels} (raise it with --max-pixels)");
    }

    /// <summary>
    /// Why a file with several frames (animated GIF or WebP) or pages (TIFF) is refused, and what to do instead:
    /// scoring its first frame silently would pass off one frame as the whole.
    /// </summary>
    internal static string MultiFrameRefusal(int frames) =>
        $"holds {frames} frames or pages; only single images are scored (extract the frames, e.g. ffmpeg -i FILE frame%04d.png, " +
        "and score them with iqa batch, or score a video with iqa video)";
}
