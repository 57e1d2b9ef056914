namespace Iqa.Gpu.Images;

/// <summary>How colour images become the planes a metric sees. Gray images are used as stored.</summary>
public enum ColorMode
{
    /// <summary>MATLAB rgb2gray on integer input: round(0.298936021293775 R + 0.587043074451121 G + 0.114020904255103 B), half away from zero.</summary>
    Gray,
    /// <summary>BT.601 studio-range luma as MATLAB rgb2ycbcr on double input, not rounded: 16 + 65.481 R' + 128.553 G' + 24.966 B' (R' in 0..1), on the 0..255 scale times max/255.</summary>
    Y,
    /// <summary>0.299 R + 0.587 G + 0.114 B rounded half to even (pyiqa's default luma).</summary>
    Luma,
    /// <summary>Each RGB channel as its own plane.</summary>
    Rgb,
}

public static class ColorModeNames
{
    public static string Name(this ColorMode mode) => mode switch
    {
        ColorMode.Gray => "gray",
        ColorMode.Y => "y",
        ColorMode.Luma => "luma",
        ColorMode.Rgb => "rgb",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    public static ColorMode Parse(string text) => text.ToLowerInvariant() switch
    {
        "gray" or "grey" => ColorMode.Gray,
        "y" => ColorMode.Y,
        "luma" => ColorMode.Luma,
        "rgb" => ColorMode.Rgb,
        _ => throw new IqaException($"unknown colour mode '{text}' (gray, y, luma, rgb)"),
    };
}
