using Iqa.Gpu.Images;

namespace Iqa.Gpu.Video;

/// <summary>Opens a video file with the reader its extension calls for.</summary>
public static class VideoSource
{
    /// <summary>
    /// .y4m: <see cref="Y4mReader"/>; .yuv: <see cref="RawYuvReader"/>, which needs <paramref name="raw"/>;
    /// anything else: <see cref="FfmpegFrameSource"/>. <paramref name="raw"/> is ignored for self-describing inputs.
    /// </summary>
    /// <exception cref="IqaException">The input cannot be opened; the message names it and the problem.</exception>
    public static IFrameSource Open(string path, RawVideoFormat? raw = null, long maxPixels = ImageDecoder.DefaultMaxPixels)
    {
        if (Directory.Exists(path))
            throw new IqaException($"{path}: is a directory, not a video file");
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".y4m" => Y4mReader.Open(path, maxPixels),
            ".yuv" => RawYuvReader.Open(path,
                raw ?? throw new IqaException($"{path}: raw video needs its frame size and pixel format (e.g. 1920x1080, yuv420p)"),
                maxPixels),
            _ => FfmpegFrameSource.Open(path, maxPixels),
        };
    }
}
