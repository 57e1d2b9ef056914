using System.Buffers;
using System.Buffers.Binary;

namespace Iqa.Gpu.Video;

/// <summary>
/// A decoded frame's planes, owned by the caller and reused across <see cref="IFrameSource.ReadFrame"/> calls:
/// its buffers are allocated on the first read and again only when the stream's size or format changes.
/// </summary>
public sealed class VideoFrame
{
    private VideoPlane[] _planes = [];

    public int Width { get; private set; }
    public int Height { get; private set; }

    /// <summary>The layout of the last frame read, or null before the first one.</summary>
    public VideoPixelFormat? Format { get; private set; }

    public IReadOnlyList<VideoPlane> Planes => _planes;

    public VideoPlane Y => _planes.Length > 0 ? _planes[0] : throw new InvalidOperationException("no frame has been read");

    /// <summary>The Cb plane, or null for gray video.</summary>
    public VideoPlane? U => _planes.Length == 3 ? _planes[1] : null;

    /// <summary>The Cr plane, or null for gray video.</summary>
    public VideoPlane? V => _planes.Length == 3 ? _planes[2] : null;

    /// <summary>Bytes of one frame as stored: all planes.</summary>
    internal long ByteCount { get; private set; }

    /// <summary>
    /// Planes filled by each read, from the first (1: luma only); the others are skipped in the stream (sought past
    /// where it can seek) and keep stale samples. All by default.
    /// </summary>
    public int PlanesToRead { get; set; } = int.MaxValue;

    /// <summary>Lays the frame out for <paramref name="info"/>, keeping the buffers when they already fit.</summary>
    internal void Reshape(VideoInfo info)
    {
        if (Width == info.Width && Height == info.Height && info.Format.Equals(Format))
            return;
        var subsampling = info.Subsampling;
        int chromaWidth = subsampling.ChromaWidth(info.Width), chromaHeight = subsampling.ChromaHeight(info.Height);
        _planes = subsampling == ChromaSubsampling.Mono
            ? [new VideoPlane(info.Width, info.Height, info.BitDepth)]
            :
            [
                new VideoPlane(info.Width, info.Height, info.BitDepth),
                new VideoPlane(chromaWidth, chromaHeight, info.BitDepth),
                new VideoPlane(chromaWidth, chromaHeight, info.BitDepth),
            ];
        Width = info.Width;
        Height = info.Height;
        Format = info.Format;
        ByteCount = info.FrameBytes;
    }

    /// <summary>
    /// Fills the planes from <paramref name="stream"/> in file order (Y, U, V) and returns the bytes read:
    /// <see cref="ByteCount"/> for a whole frame, less only at the end of the stream.
    /// </summary>
    internal long ReadFrom(Stream stream)
    {
        long total = 0;
        for (int p = 0; p < _planes.Length; p++)
        {
            var storage = _planes[p].Storage;
            int read = p < PlanesToRead ? stream.ReadAtLeast(storage, storage.Length, throwOnEndOfStream: false) : Skip(stream, storage.Length);
            total += read;
            if (read < storage.Length)
                return total;
        }
        if (!BitConverter.IsLittleEndian)
            foreach (var plane in _planes.Take(PlanesToRead))
                if (plane.Words is { } words)
                    BinaryPrimitives.ReverseEndianness(words, words);
        return total;
    }

    /// <summary>Moves past <paramref name="count"/> bytes and returns how many there were (fewer at the end of the stream).</summary>
    private static int Skip(Stream stream, int count)
    {
        if (stream.CanSeek)
        {
            int skipped = (int)Math.Clamp(stream.Length - stream.Position, 0, count);
            stream.Seek(skipped, SeekOrigin.Current);
            return skipped;
        }
        byte[] discard = ArrayPool<byte>.Shared.Rent(Math.Min(count, 1 << 16));
        try
        {
            int total = 0;
            while (total < count)
            {
                int read = stream.Read(discard, 0, Math.Min(discard.Length, count - total));
                if (read == 0)
                    break;
                total += read;
            }
            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(discard);
        }
    }
}
