using System.Buffers.Binary;

namespace Iqa.Gpu.Tests.Images;

/// <summary>
/// The chunks of a PNG file (length, type, data, CRC-32 over type and data, as the PNG specification lays them
/// out), so tests can rewrite a field and keep the CRC valid: libpng then judges the field, not the checksum.
/// </summary>
public static class PngChunks
{
    public const int SignatureLength = 8;

    public sealed record Chunk(int Offset, int DataLength, string Type)
    {
        public int DataOffset => Offset + 8;
        public int End => DataOffset + DataLength + 4;
    }

    /// <summary>The chunks found before the data ends or stops making sense.</summary>
    public static List<Chunk> Read(byte[] png)
    {
        var chunks = new List<Chunk>();
        for (int offset = SignatureLength; offset + 12 <= png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            if (length < 0 || offset + 12L + length > png.Length)
                break;
            var chunk = new Chunk(offset, length, System.Text.Encoding.ASCII.GetString(png, offset + 4, 4));
            chunks.Add(chunk);
            offset = chunk.End;
        }
        return chunks;
    }

    /// <summary>Recomputes the CRC of <paramref name="chunk"/> in place.</summary>
    public static void FixCrc(byte[] png, Chunk chunk) =>
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(chunk.DataOffset + chunk.DataLength), Crc32(png.AsSpan(chunk.Offset + 4, 4 + chunk.DataLength)));

    /// <summary>A chunk as bytes: length, type, data, CRC.</summary>
    public static byte[] Make(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    /// <summary>CRC-32 (ISO 3309, reflected polynomial 0xEDB88320), bit by bit: PNG specification, annex D.</summary>
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
