using Iqa.Gpu.Images;
using Iqa.Gpu.Slic;
using NetVips;

namespace Iqa.Gpu.Regions;

/// <summary>
/// The reference with chosen regions outlined and numbered (1 = worst), as an 8-bit RGB PNG at the image's size: each
/// region's boundary pixels (those with a 4-neighbour outside the region or on the image border) thickened to a line of
/// about 1/360 of the shorter side, in one colour per rank, and its rank in white on black at its centroid, drawn with a
/// built-in 5x7 digit font (no system font needed). 16-bit images are shown by their top 8 bits; gray as gray.
/// </summary>
public static class RegionOverlay
{
    private static readonly byte[][] Palette =
    [
        [255, 48, 48], [255, 160, 0], [255, 255, 0], [0, 230, 255], [255, 64, 255], [64, 255, 64], [255, 255, 255],
    ];

    /// <summary>Rows of the digits 0-9, five pixels wide (bit 4 the leftmost).</summary>
    private static readonly byte[][] Digits =
    [
        [0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E], [0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E],
        [0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F], [0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E],
        [0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02], [0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E],
        [0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E], [0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08],
        [0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E], [0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C],
    ];

    /// <summary>Writes <paramref name="image"/> with <paramref name="regions"/> outlined and numbered from 1 in that order.</summary>
    /// <exception cref="IqaException">The path is not a .png, the sizes differ, or the file can't be written.</exception>
    public static void WritePng(DecodedImage image, Superpixels superpixels, IReadOnlyList<RegionShape> regions, string path)
    {
        if (!Path.GetExtension(path).Equals(".png", StringComparison.OrdinalIgnoreCase))
            throw new IqaException($"{path}: the region overlay is written as .png");
        if ((image.Width, image.Height) != (superpixels.Width, superpixels.Height))
            throw new IqaException($"{path}: image {image.Width}x{image.Height} and superpixels {superpixels.Width}x{superpixels.Height} differ in size");
        var rgb = Draw(image, superpixels, regions);
        SlicLabelFile.Save(path, () =>
        {
            using var pixels = Image.NewFromMemory(rgb, image.Width, image.Height, 3, Enums.BandFormat.Uchar);
            using var tagged = pixels.Copy(interpretation: Enums.Interpretation.Srgb);
            tagged.Pngsave(path);
        });
    }

    internal static byte[] Draw(DecodedImage image, Superpixels superpixels, IReadOnlyList<RegionShape> regions)
    {
        int w = image.Width, h = image.Height;
        var rgb = Rgb8(image);
        int thickness = Math.Max(2, Math.Min(w, h) / 360);
        var labels = superpixels.Labels;
        for (int rank = 0; rank < regions.Count; rank++)
        {
            var region = regions[rank];
            byte[] colour = Palette[rank % Palette.Length];
            var box = region.Box;
            for (int y = box.Y; y < box.Y + box.Height; y++)
                for (int x = box.X; x < box.X + box.Width; x++)
                    if (labels[y * w + x] == region.Label && OnBoundary(labels, w, h, x, y, region.Label))
                        Fill(rgb, w, h, x - thickness / 2, y - thickness / 2, thickness, thickness, colour);
        }
        int scale = Math.Max(2, Math.Min(w, h) / 180);
        for (int rank = 0; rank < regions.Count; rank++)
            Label(rgb, w, h, (rank + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), regions[rank], scale);
        return rgb;
    }

    private static bool OnBoundary(int[] labels, int w, int h, int x, int y, int label) =>
        x == 0 || y == 0 || x == w - 1 || y == h - 1
        || labels[y * w + x - 1] != label || labels[y * w + x + 1] != label
        || labels[(y - 1) * w + x] != label || labels[(y + 1) * w + x] != label;

    /// <summary>The number on a black box centred on the region's centroid (kept inside the image).</summary>
    private static void Label(byte[] rgb, int w, int h, string text, RegionShape region, int scale)
    {
        int pad = scale, boxW = text.Length * 6 * scale - scale + 2 * pad, boxH = 7 * scale + 2 * pad;
        int x0 = Math.Clamp((int)Math.Round(region.CentroidX) - boxW / 2, 0, Math.Max(0, w - boxW));
        int y0 = Math.Clamp((int)Math.Round(region.CentroidY) - boxH / 2, 0, Math.Max(0, h - boxH));
        Fill(rgb, w, h, x0, y0, boxW, boxH, [0, 0, 0]);
        for (int c = 0; c < text.Length; c++)
        {
            byte[] glyph = Digits[text[c] - '0'];
            for (int row = 0; row < 7; row++)
                for (int col = 0; col < 5; col++)
                    if ((glyph[row] >> (4 - col) & 1) != 0)
                        Fill(rgb, w, h, x0 + pad + (c * 6 + col) * scale, y0 + pad + row * scale, scale, scale, [255, 255, 255]);
        }
    }

    private static void Fill(byte[] rgb, int w, int h, int x0, int y0, int width, int height, byte[] colour)
    {
        for (int y = Math.Max(0, y0); y < Math.Min(h, y0 + height); y++)
            for (int x = Math.Max(0, x0); x < Math.Min(w, x0 + width); x++)
                colour.CopyTo(rgb, 3 * (y * w + x));
    }

    /// <summary>The image as 8-bit RGB: colour bands as they are (alpha dropped), gray repeated, 16-bit by its top 8 bits.</summary>
    private static byte[] Rgb8(DecodedImage image)
    {
        int n = image.Width * image.Height, bands = image.Bands, colour = image.ColorBands;
        var rgb = new byte[3 * n];
        for (int p = 0; p < n; p++)
            for (int c = 0; c < 3; c++)
            {
                int at = p * bands + (colour == 3 ? c : 0);
                rgb[3 * p + c] = image.Bytes is { } bytes ? bytes[at] : (byte)(image.Words![at] >> (image.BitDepth - 8));
            }
        return rgb;
    }
}
