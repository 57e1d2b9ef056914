using Iqa.Gpu.Images;

namespace Iqa.Gpu.Video;

/// <summary>
/// Reads headerless planar video (.yuv): frames of Y, U, V planes back to back, as ffmpeg's rawvideo writes them.
/// The file's size must be a whole number of frames: anything else means the size or pixel format is wrong,
/// so it is refused up front rather than scored as misaligned frames.
/// </summary>
public sealed class RawYuvReader : StreamFrameSource
{
    private RawYuvReader(Stream stream, string name, VideoInfo info) : base(stream, name) => Info = info;

    /// <exception cref="IqaException">The file is missing or unreadable, or its size is not a multiple of the frame size.</exception>
    public static RawYuvReader Open(string path, RawVideoFormat format, long maxPixels = ImageDecoder.DefaultMaxPixels)
    {
        CheckPixels(path, format.Width, format.Height, maxPixels);
        var info = new VideoInfo(format.Width, format.Height, format.Format);
        var stream = OpenFile(path);
        long length = stream.Length;
        if (length % info.FrameBytes != 0)
        {
            stream.Dispose();
            throw new IqaException(
                $"{path}: {length} bytes is not a whole number of {format} frames ({info.FrameBytes} bytes each): "
                + "check the frame size and pixel format");
        }
        return new RawYuvReader(stream, path, info with { FrameCount = length / info.FrameBytes });
    }

    public override VideoInfo Info { get; }

    private protected override bool FramesHaveHeaders => false;

    private protected override bool BeginFrame() => true;
}
