using System.Buffers.Binary;
using System.Text;
using Iqa.Gpu.Tests.Images;

namespace Iqa.Gpu.Tests.Fuzz;

/// <summary>A mutant and how it was made, for the assertion message of a failing case.</summary>
public sealed record Mutant(byte[] Bytes, string Description);

/// <summary>
/// A plain mutator: one to three of bit flips, bytes set to 0/0xff/0x7f/0x80, header fields overwritten with
/// 0/-1/huge, truncations at random offsets and at structure boundaries, and duplicated structures.
/// </summary>
public static class Mutator
{
    private static readonly byte[] InterestingBytes = [0x00, 0xff, 0x7f, 0x80];

    private static readonly uint[] InterestingWords = [0, 0xFFFFFFFF, 0x7FFFFFF0, 0xF0FFFF7F, 0x00010000, 0x8000_0000];

    private static readonly string[] InterestingNumbers = ["0", "-1", "65536", "4294967297", "99999999999", "", "1e3", "7"];

    public static Mutant Mutate(FuzzSeed seed, SplitMix64 rng)
    {
        var bytes = seed.Bytes.ToList();
        var steps = new List<string>();
        int count = 1 + rng.Below(3);
        for (int i = 0; i < count && bytes.Count > 0; i++)
            steps.Add(Step(seed, bytes, rng));
        if (seed.IsPng && rng.Below(2) == 0)
        {
            var png = bytes.ToArray();
            foreach (var chunk in PngChunks.Read(png))
                PngChunks.FixCrc(png, chunk);
            steps.Add("CRCs fixed");
            return new Mutant(png, string.Join(", ", steps));
        }
        return new Mutant([.. bytes], string.Join(", ", steps));
    }

    private static string Step(FuzzSeed seed, List<byte> bytes, SplitMix64 rng)
    {
        switch (rng.Below(7))
        {
            case 0:
            {
                int at = rng.Below(bytes.Count), bit = rng.Below(8);
                bytes[at] ^= (byte)(1 << bit);
                return $"flip bit {bit} at {at}";
            }
            case 1:
            {
                int at = rng.Below(bytes.Count);
                bytes[at] = rng.Pick(InterestingBytes);
                return $"byte {at} = 0x{bytes[at]:x2}";
            }
            case 2 when seed.BinaryFields.Length > 0:
            {
                int at = rng.Pick(seed.BinaryFields);
                uint word = rng.Pick(InterestingWords);
                Span<byte> four = stackalloc byte[4];
                BinaryPrimitives.WriteUInt32LittleEndian(four, word);
                for (int k = 0; k < 4 && at + k < bytes.Count; k++)
                    bytes[at + k] = four[k];
                return $"field at {at} = 0x{word:x8}";
            }
            case 3 when seed.TextFields.Length > 0:
            {
                int at = rng.Pick(seed.TextFields);
                if (at >= bytes.Count)
                    return "text field past the end";
                int end = at;
                while (end < bytes.Count && bytes[end] is >= (byte)'0' and <= (byte)'9')
                    end++;
                string value = rng.Pick(InterestingNumbers);
                bytes.RemoveRange(at, end - at);
                bytes.InsertRange(at, Encoding.ASCII.GetBytes(value));
                return $"number at {at} = '{value}'";
            }
            case 4:
            {
                int at = rng.Below(bytes.Count);
                bytes.RemoveRange(at, bytes.Count - at);
                return $"truncate at {at}";
            }
            case 5 when seed.Boundaries.Length > 0:
            {
                int at = Math.Min(rng.Pick(seed.Boundaries) + rng.Below(3) - 1, bytes.Count);
                at = Math.Max(at, 0);
                bytes.RemoveRange(at, bytes.Count - at);
                return $"truncate at boundary {at}";
            }
            case 6 when seed.Boundaries.Length > 1:
            {
                int i = rng.Below(seed.Boundaries.Length - 1);
                int start = seed.Boundaries[i], end = Math.Min(seed.Boundaries[i + 1], bytes.Count);
                if (start >= end)
                    return "duplicate nothing";
                bytes.InsertRange(end, bytes.GetRange(start, end - start));
                return $"duplicate {start}..{end}";
            }
            default:
            {
                int at = rng.Below(bytes.Count);
                bytes[at] = (byte)rng.Next();
                return $"byte {at} = 0x{bytes[at]:x2}";
            }
        }
    }
}
