namespace Iqa.Gpu.Scoring;

/// <summary>Which planes of a YUV video are scored: luma only (the default), or luma and both chroma planes.</summary>
public enum VideoPlanes
{
    Y,
    Yuv,
}

public static class VideoPlanesNames
{
    public static VideoPlanes Parse(string text) => text.ToLowerInvariant() switch
    {
        "y" => VideoPlanes.Y,
        "yuv" => VideoPlanes.Yuv,
        _ => throw new IqaException($"unknown planes '{text}' (y, yuv)"),
    };

    /// <summary>
    /// What outputs record as the colour setting: video planes are scored as stored, no colour conversion applies.
    /// </summary>
    public static string SettingName(this VideoPlanes planes) => planes == VideoPlanes.Y ? "y-plane" : "yuv";

    /// <summary>Suffixes of the score names per plane: Y keeps the metric's names, U and V add _u and _v.</summary>
    public static IReadOnlyList<string> ScoreSuffixes(this VideoPlanes planes) => planes == VideoPlanes.Y ? [""] : ["", "_u", "_v"];
}
