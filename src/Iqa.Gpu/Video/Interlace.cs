namespace Iqa.Gpu.Video;

/// <summary>Field order as declared by the stream (Y4M's I tag). Metrics compare frames as stored either way.</summary>
public enum Interlace
{
    Unknown,
    Progressive,
    TopFieldFirst,
    BottomFieldFirst,
    /// <summary>Varies per frame; Y4M then declares it in each FRAME header.</summary>
    Mixed,
}
