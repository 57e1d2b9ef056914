namespace Iqa.Gpu.Tests.Fuzz;

/// <summary>
/// A valid file to mutate, with what the mutator needs to know of its structure: where its parts start
/// (chunks, markers, header ends: truncation and duplication points) and where its header fields are,
/// binary (4-byte slots) or text (decimal tokens of PNM and Y4M headers).
/// </summary>
/// <param name="Name">File name (its extension matters: TGA is recognized by it).</param>
/// <param name="Boundaries">Offsets where a structure starts, ascending.</param>
/// <param name="BinaryFields">Offsets of header fields that an overwrite replaces with 4 bytes.</param>
/// <param name="TextFields">Offsets of decimal tokens that an overwrite replaces with other text.</param>
/// <param name="IsPng">Whether chunk CRCs may be recomputed after a mutation, so libpng judges the fields themselves.</param>
public sealed record FuzzSeed(string Name, byte[] Bytes, int[] Boundaries, int[] BinaryFields, int[] TextFields, bool IsPng = false);
