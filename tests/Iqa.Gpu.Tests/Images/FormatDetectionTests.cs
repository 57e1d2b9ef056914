using Iqa.Gpu.Images;

namespace Iqa.Gpu.Tests.Images;

/// <summary>The decoder is chosen by content, and the folder walks' extension list is exactly the formats that decode.</summary>
public sealed class FormatDetectionTests : IDisposable
{
    private readonly TempDirectory _images = new();

    /// <summary>Every extension the walks take holds a format that decodes.</summary>
    [Theory]
    [InlineData(".png")]
    [InlineData(".jpg")]
    [InlineData(".jpeg")]
    [InlineData(".tif")]
    [InlineData(".tiff")]
    [InlineData(".webp")]
    [InlineData(".gif")]
    [InlineData(".bmp")]
    [InlineData(".tga")]
    [InlineData(".pbm")]
    [InlineData(".pgm")]
    [InlineData(".ppm")]
    [InlineData(".pnm")]
    public void ListedExtensionsDecode(string extension)
    {
        string path = WriteSample("img" + extension);
        Assert.True(ImageDecoder.IsImageFile(path));
        var decoded = ImageDecoder.Decode(path);
        Assert.Equal((16, 12), (decoded.Width, decoded.Height));
    }

    /// <summary>Formats the bundled libvips could load (SVG, HEIF, its matrix text format) or nothing here decodes are not picked up.</summary>
    [Theory]
    [InlineData(".svg")]
    [InlineData(".heic")]
    [InlineData(".avif")]
    [InlineData(".jp2")]
    [InlineData(".pfm")]
    [InlineData(".mat")]
    [InlineData(".y4m")]
    [InlineData(".txt")]
    public void OtherExtensionsAreNotImages(string extension) => Assert.False(ImageDecoder.IsImageFile("x" + extension));

    [Theory]
    [InlineData(".png", ".jpg")]
    [InlineData(".bmp", ".png")]
    [InlineData(".pgm", ".tif")]
    public void ContentDecidesNotTheName(string written, string named)
    {
        string path = _images.File("renamed" + named);
        File.Move(WriteSample("img" + written), path);
        Assert.Equal(16, ImageDecoder.Decode(path).Width);
    }

    [Theory]
    [InlineData("x.png", "this is not an image")]
    [InlineData("m.png", "2 2\n1 2\n3 4\n")] // libvips' matrix format: its loader would take it
    [InlineData("s.png", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"16\" height=\"12\"/>")]
    [InlineData("t.tga", "short")]
    public void UnknownContentIsRefused(string name, string content)
    {
        string path = _images.Write(name, System.Text.Encoding.ASCII.GetBytes(content));
        var message = Assert.Throws<IqaException>(() => ImageDecoder.Decode(path)).Message;
        Assert.Contains($"{path}: cannot decode image (not a PNG, JPEG", message);
    }

    private string WriteSample(string name)
    {
        var rgb = TestImages.Pattern(16, 12, 3, seed: 11);
        string extension = Path.GetExtension(name);
        return extension switch
        {
            ".bmp" => _images.Write(name, ImageBytes.BmpTrueColour(16, 12, rgb, 24)),
            ".tga" => _images.Write(name, ImageBytes.Tga(16, 12, 3, rgb)),
            ".pbm" => _images.Write(name, [.. "P4\n16 12\n"u8, .. new byte[2 * 12]]),
            ".pgm" or ".pnm" => _images.Write(name, ImageBytes.Pnm(16, 12, 1, [.. rgb.Take(16 * 12).Select(b => (ushort)b)], 255)),
            ".ppm" => _images.Write(name, ImageBytes.Pnm(16, 12, 3, [.. rgb.Select(b => (ushort)b)], 255)),
            _ => _images.WritePng(name, rgb, 16, 12, 3), // libvips writes the format the extension names
        };
    }

    public void Dispose() => _images.Dispose();
}
