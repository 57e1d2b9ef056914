using System.Globalization;
using System.Text.RegularExpressions;

namespace Iqa.Gpu.Video;

/// <summary>
/// The YUV4MPEG2 stream header: "YUV4MPEG2" then space-separated tags W&lt;width&gt; H&lt;height&gt;
/// F&lt;n:d&gt; I&lt;p|t|b|m|?&gt; A&lt;n:d&gt; C&lt;colourspace&gt; X&lt;anything&gt;.
/// </summary>
internal static partial class Y4mHeader
{
    public const string Signature = "YUV4MPEG2";

    private const string SupportedColourspaces =
        "420jpeg, 420paldv, 420mpeg2, 420, 422, 444, mono, and their deeper variants such as 420p10, 422p12, 444p16, mono12";

    /// <summary>Parses the tags after the signature. Unknown tag letters are skipped, as the format asks of readers.</summary>
    public static VideoInfo Parse(string tags, string name)
    {
        int? width = null, height = null;
        string colourspace = "420jpeg"; // the format's default when C is absent
        Rational? rate = null, aspect = null;
        var interlace = Interlace.Unknown;
        foreach (string token in tags.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string value = token[1..];
            switch (token[0])
            {
                case 'W': width = ParseDimension(value, "width", name); break;
                case 'H': height = ParseDimension(value, "height", name); break;
                case 'F': rate = ParseRatio(value, "frame rate", name); break;
                case 'A': aspect = ParseRatio(value, "pixel aspect", name); break;
                case 'I': interlace = ParseInterlace(value, name); break;
                case 'C': colourspace = value; break;
            }
        }
        if (width is null || height is null)
            throw new IqaException($"{name}: bad Y4M header: no {(width is null ? "W (width)" : "H (height)")} tag");
        var (format, siting) = ParseColourspace(colourspace)
            ?? throw new IqaException($"{name}: unsupported Y4M colourspace 'C{colourspace}' ({SupportedColourspaces})");
        return new VideoInfo(width.Value, height.Value, format)
        {
            ChromaSiting = siting,
            FrameRate = rate,
            PixelAspect = aspect,
            Interlace = interlace,
        };
    }

    private static int ParseDimension(string value, string what, string name) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new IqaException($"{name}: bad Y4M header: {what} '{value}' is not a positive integer");

    /// <summary>"n:d"; 0:0 is the format's "unknown" and yields null.</summary>
    private static Rational? ParseRatio(string value, string what, string name)
    {
        int colon = value.IndexOf(':');
        if (colon > 0
            && int.TryParse(value.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            && int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int d)
            && (n == 0) == (d == 0))
            return n == 0 ? null : new Rational(n, d);
        throw new IqaException($"{name}: bad Y4M header: {what} '{value}' is not a ratio n:d");
    }

    private static Interlace ParseInterlace(string value, string name) => value switch
    {
        "p" => Interlace.Progressive,
        "t" => Interlace.TopFieldFirst,
        "b" => Interlace.BottomFieldFirst,
        "m" => Interlace.Mixed,
        "?" => Interlace.Unknown,
        _ => throw new IqaException($"{name}: bad Y4M header: interlace 'I{value}' is not one of p, t, b, m, ?"),
    };

    /// <summary>The sample layout and 4:2:0 siting of a C tag, or null when unsupported.</summary>
    private static (VideoPixelFormat Format, string? Siting)? ParseColourspace(string tag)
    {
        var match = ColourspacePattern().Match(tag);
        if (!match.Success)
            return null;
        var subsampling = match.Groups["sub"].Value switch
        {
            "420" => ChromaSubsampling.Yuv420,
            "422" => ChromaSubsampling.Yuv422,
            "444" => ChromaSubsampling.Yuv444,
            _ => ChromaSubsampling.Mono,
        };
        var siting = match.Groups["siting"];
        if (siting.Success && subsampling != ChromaSubsampling.Yuv420)
            return null;
        int depth = 8;
        var digits = match.Groups["depth"];
        if (digits.Success && (!int.TryParse(digits.Value, CultureInfo.InvariantCulture, out depth) || depth is < 8 or > 16))
            return null;
        return (new VideoPixelFormat(subsampling, depth), siting.Success ? siting.Value : null);
    }

    [GeneratedRegex(@"^(?:(?<sub>420|422|444)(?:(?<siting>jpeg|paldv|mpeg2)|p(?<depth>\d{1,2}))?|(?<sub>mono)(?<depth>\d{1,2})?)$")]
    private static partial Regex ColourspacePattern();
}
