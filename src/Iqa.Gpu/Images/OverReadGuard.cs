namespace Iqa.Gpu.Images;

/// <summary>
/// A read-only view of a file that notes when a decoder asks for bytes past its end. ImageSharp 2.1's BMP and TGA
/// decoders do not check how much a read returned, so a truncated file would decode to rows of stale or zero
/// pixels; with ImageSharp's stream buffer set to one byte, every read the decoder makes reaches this stream
/// with the length the decoder wanted, and one that runs past the end means the file is truncated.
/// </summary>
internal sealed class OverReadGuard(Stream inner) : Stream
{
    /// <summary>Whether a read asked for more bytes than were left.</summary>
    public bool ReadPastEnd { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.Length > inner.Length - inner.Position)
            ReadPastEnd = true;
        return inner.Read(buffer);
    }

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }
}
