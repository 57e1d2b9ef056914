using System.Text;
using Iqa.Gpu.Images;

namespace Iqa.Gpu.Video;

/// <summary>
/// Reads YUV4MPEG2 (.y4m): a header line, then per frame a "FRAME" line (its parameters are skipped) and the
/// planes Y, U, V; samples deeper than 8 bits are 16-bit little-endian. Also reads ffmpeg's yuv4mpegpipe output.
/// </summary>
public sealed class Y4mReader : StreamFrameSource
{
    // Header lines are short; the cap only stops a non-Y4M file from being scanned whole for a newline.
    private const int MaxLineBytes = 1 << 16;
    private static readonly byte[] FrameTag = "FRAME"u8.ToArray();

    private readonly byte[] _line;

    private Y4mReader(Stream stream, string name, byte[] line, VideoInfo info) : base(stream, name)
    {
        _line = line;
        Info = info;
    }

    public static Y4mReader Open(string path, long maxPixels = ImageDecoder.DefaultMaxPixels) =>
        FromStream(OpenFile(path), path, maxPixels);

    /// <summary>Reads the stream header; takes ownership of <paramref name="stream"/>, disposing it on failure too.</summary>
    /// <param name="name">The input as named in errors.</param>
    public static Y4mReader FromStream(Stream stream, string name, long maxPixels = ImageDecoder.DefaultMaxPixels) =>
        TryFromStream(stream, name, maxPixels)
        ?? throw new IqaException($"{name}: empty input, not a YUV4MPEG2 stream");

    /// <summary>As <see cref="FromStream"/>, but null (the stream disposed) when the stream is empty.</summary>
    internal static Y4mReader? TryFromStream(Stream stream, string name, long maxPixels)
    {
        try
        {
            var line = new byte[MaxLineBytes];
            int length = ReadLine(stream, line, out bool terminated);
            if (length < 0)
            {
                stream.Dispose();
                return null;
            }
            return new Y4mReader(stream, name, line, ParseHeader(line.AsSpan(0, length), terminated, name, maxPixels));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public override VideoInfo Info { get; }

    private protected override bool FramesHaveHeaders => true;

    private static VideoInfo ParseHeader(ReadOnlySpan<byte> line, bool terminated, string name, long maxPixels)
    {
        var text = Encoding.Latin1.GetString(line);
        if (text != Y4mHeader.Signature && !text.StartsWith(Y4mHeader.Signature + " ", StringComparison.Ordinal))
            throw new IqaException($"{name}: not a YUV4MPEG2 stream (no '{Y4mHeader.Signature}' signature)");
        if (!terminated)
            throw new IqaException($"{name}: bad Y4M header: no end of line within {MaxLineBytes} bytes");
        var info = Y4mHeader.Parse(text[Y4mHeader.Signature.Length..], name);
        CheckPixels(name, info.Width, info.Height, maxPixels);
        return info;
    }

    private protected override bool BeginFrame()
    {
        int length = ReadLine(Stream, _line, out bool terminated);
        if (length < 0)
            return false;
        var line = _line.AsSpan(0, length);
        if (terminated && IsFrameHeader(line))
            return true;
        if (!terminated && length < MaxLineBytes && (FrameTag.AsSpan().StartsWith(line) || IsFrameHeader(line)))
        {
            MarkTruncated("FRAME header cut short");
            return false;
        }
        string start = Encoding.Latin1.GetString(_line, 0, Math.Min(length, 16));
        throw new IqaException($"{Name}: frame {FramesRead + 1}: expected a FRAME header, found '{start}'");
    }

    private static bool IsFrameHeader(ReadOnlySpan<byte> line) =>
        line.StartsWith(FrameTag) && (line.Length == FrameTag.Length || line[FrameTag.Length] == (byte)' ');

    /// <summary>
    /// Reads up to a newline into <paramref name="line"/> and returns the length without it: -1 at the end of the
    /// stream before any byte; <paramref name="terminated"/> is false when the stream or the buffer ran out first.
    /// </summary>
    private static int ReadLine(Stream stream, byte[] line, out bool terminated)
    {
        for (int length = 0; length < line.Length; length++)
        {
            int b = stream.ReadByte();
            if (b < 0)
            {
                terminated = false;
                return length == 0 ? -1 : length;
            }
            if (b == '\n')
            {
                terminated = true;
                return length;
            }
            line[length] = (byte)b;
        }
        terminated = false;
        return line.Length;
    }
}
