using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Iqa.Gpu.Sweeps.Datasets;

/// <summary>
/// A reader of MATLAB level 5 MAT-files (MathWorks, "MAT-File Format", chapter 1: Level 5 MAT-File Format) for the
/// variables IQA datasets ship: numeric arrays of any class (read as double), char arrays and cell arrays of them.
/// <list type="bullet">
/// <item>128-byte header: 116 bytes of text, 8 of subsystem offset, version 0x0100, endian indicator "IM" for a
/// little-endian file (the only kind MATLAB and scipy write on x86 and ARM; "MI" files are refused).</item>
/// <item>Data elements: an 8-byte tag (type, byte count) or a 4-byte small-element tag (count in the upper 16 bits)
/// with up to 4 bytes of data; data padded to 8 bytes.</item>
/// <item>miCOMPRESSED (15): a zlib stream holding one data element (MATLAB's default since v7, scipy's with
/// do_compression=True), inflated with System.IO.Compression.</item>
/// <item>miMATRIX (14): array flags (class in the low byte), dimensions, name, then the real part (any numeric data
/// type: MATLAB stores doubles holding small integers as miUINT8...), an imaginary part only when the complex flag
/// is set (refused), or for cells one miMATRIX per cell. Char data: miUINT16/miUTF16 (UTF-16 code units), miUTF8,
/// miUINT8/miINT8.</item>
/// </list>
/// Malformed input is an <see cref="IqaException"/> naming the file; v7.3 files (HDF5) are recognised and refused.
/// </summary>
public static class MatFile
{
    private const int MiInt8 = 1, MiUInt8 = 2, MiInt16 = 3, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7,
        MiDouble = 9, MiInt64 = 12, MiUInt64 = 13, MiMatrix = 14, MiCompressed = 15, MiUtf8 = 16, MiUtf16 = 17;

    private const int MxCell = 1, MxChar = 4, MxSparse = 5;

    private static readonly string[] ClassNames =
    [
        "", "cell", "struct", "object", "char", "sparse", "double", "single",
        "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
    ];

    /// <summary>The file's variables by name.</summary>
    public static IReadOnlyDictionary<string, MatArray> Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IqaException($"cannot read MAT-file {path}: {e.Message}", e);
        }
        try
        {
            return Parse(bytes);
        }
        catch (FormatException e)
        {
            throw new IqaException($"{path} is not a readable MAT-file: {e.Message}", e);
        }
    }

    internal static Dictionary<string, MatArray> Parse(byte[] bytes)
    {
        if (bytes.Length < 128)
            throw new FormatException("shorter than the 128-byte header");
        if (Encoding.ASCII.GetString(bytes, 0, 10) == "MATLAB 7.3")
            throw new FormatException("a v7.3 (HDF5) file; save it with -v7 or scipy.io.savemat");
        if (bytes[126] == (byte)'M' && bytes[127] == (byte)'I')
            throw new FormatException("a big-endian file");
        if (bytes[126] != (byte)'I' || bytes[127] != (byte)'M' || BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(124)) != 0x0100)
            throw new FormatException("no level 5 header (version 0x0100, endian indicator IM)");
        var variables = new Dictionary<string, MatArray>(StringComparer.Ordinal);
        int offset = 128;
        while (offset < bytes.Length)
        {
            var (type, data, next) = Element(bytes, offset);
            offset = next;
            if (type == MiCompressed)
            {
                byte[] inflated = Inflate(data);
                var (innerType, inner, _) = Element(inflated, 0);
                Add(variables, innerType, inner);
            }
            else
                Add(variables, type, data);
        }
        return variables;
    }

    private static void Add(Dictionary<string, MatArray> variables, int type, ReadOnlyMemory<byte> data)
    {
        if (type != MiMatrix)
            throw new FormatException($"top-level data element of type {type}, expected miMATRIX (14)");
        var array = Matrix(data);
        variables[array.Name] = array;
    }

    /// <summary>The element at <paramref name="offset"/>: its type, its data, and where the next one starts.</summary>
    private static (int Type, ReadOnlyMemory<byte> Data, int Next) Element(byte[] bytes, int offset)
    {
        if (offset + 8 > bytes.Length)
            throw new FormatException($"truncated data element tag at byte {offset}");
        uint first = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));
        if (first >> 16 != 0)
        {
            int smallCount = (int)(first >> 16);
            if (smallCount > 4)
                throw new FormatException($"small data element of {smallCount} bytes at byte {offset}");
            return ((int)(first & 0xFFFF), bytes.AsMemory(offset + 4, smallCount), offset + 8);
        }
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4));
        if (count > bytes.Length - offset - 8)
            throw new FormatException($"data element at byte {offset} claims {count} bytes, past the end");
        int type = (int)first;
        int end = offset + 8 + (int)count;
        // Compressed elements are not padded; the others are padded to a multiple of 8 bytes.
        int next = type == MiCompressed ? end : Math.Min(bytes.Length, end + (8 - (int)count % 8) % 8);
        return (type, bytes.AsMemory(offset + 8, (int)count), next);
    }

    private static byte[] Inflate(ReadOnlyMemory<byte> data)
    {
        try
        {
            using var input = new MemoryStream(data.ToArray());
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            zlib.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new FormatException("corrupt compressed element: " + e.Message);
        }
    }

    private static MatArray Matrix(ReadOnlyMemory<byte> data)
    {
        byte[] bytes = data.ToArray();
        if (bytes.Length == 0)
            return new MatUnsupported("", [0, 0], "empty");
        var (flagsType, flags, offset) = Element(bytes, 0);
        if (flagsType != MiUInt32 || flags.Length < 8)
            throw new FormatException("miMATRIX without array flags");
        uint flagWord = BinaryPrimitives.ReadUInt32LittleEndian(flags.Span);
        int mxClass = (int)(flagWord & 0xFF);
        bool complex = (flagWord & 0x800) != 0;
        var (dimType, dimData, afterDims) = Element(bytes, offset);
        if (dimType != MiInt32)
            throw new FormatException("miMATRIX without dimensions");
        int[] dims = Numbers(MiInt32, dimData.Span).Select(d => (int)d).ToArray();
        var (nameType, nameData, afterName) = Element(bytes, afterDims);
        if (nameType != MiInt8)
            throw new FormatException("miMATRIX without a name");
        string name = Encoding.ASCII.GetString(nameData.Span);
        int count = dims.Aggregate(1, (a, d) => checked(a * d));
        string kind = mxClass < ClassNames.Length ? ClassNames[mxClass] : $"class {mxClass}";
        if (complex)
            return new MatUnsupported(name, dims, "complex " + kind);
        if (mxClass == MxCell)
        {
            var cells = new MatArray[count];
            int at = afterName;
            for (int i = 0; i < count; i++)
            {
                var (cellType, cellData, next) = Element(bytes, at);
                if (cellType != MiMatrix)
                    throw new FormatException($"cell {i + 1} of '{name}' is not an miMATRIX");
                cells[i] = Matrix(cellData);
                at = next;
            }
            return new MatCell(name, dims, cells);
        }
        if (mxClass == MxChar)
        {
            var (charType, charData, _) = count == 0 ? (MiUInt16, ReadOnlyMemory<byte>.Empty, 0) : Element(bytes, afterName);
            return new MatChar(name, dims, CharText(charType, charData.Span, dims));
        }
        if (mxClass is >= 6 and <= 15 && mxClass != MxSparse)
        {
            var (realType, realData, _) = count == 0 ? (MiDouble, ReadOnlyMemory<byte>.Empty, 0) : Element(bytes, afterName);
            double[] values = Numbers(realType, realData.Span);
            if (values.Length != count)
                throw new FormatException($"'{name}' has {values.Length} values for dimensions {string.Join("x", dims)}");
            return new MatNumeric(name, dims, values);
        }
        return new MatUnsupported(name, dims, kind);
    }

    private static double[] Numbers(int type, ReadOnlySpan<byte> d)
    {
        int size = type switch
        {
            MiInt8 or MiUInt8 => 1,
            MiInt16 or MiUInt16 => 2,
            MiInt32 or MiUInt32 or MiSingle => 4,
            MiDouble or MiInt64 or MiUInt64 => 8,
            _ => throw new FormatException($"numeric data of type {type}"),
        };
        if (d.Length % size != 0)
            throw new FormatException($"{d.Length} bytes of {size}-byte numbers");
        var values = new double[d.Length / size];
        for (int i = 0; i < values.Length; i++)
        {
            var s = d.Slice(i * size, size);
            values[i] = type switch
            {
                MiInt8 => (sbyte)s[0],
                MiUInt8 => s[0],
                MiInt16 => BinaryPrimitives.ReadInt16LittleEndian(s),
                MiUInt16 => BinaryPrimitives.ReadUInt16LittleEndian(s),
                MiInt32 => BinaryPrimitives.ReadInt32LittleEndian(s),
                MiUInt32 => BinaryPrimitives.ReadUInt32LittleEndian(s),
                MiSingle => BinaryPrimitives.ReadSingleLittleEndian(s),
                MiDouble => BinaryPrimitives.ReadDoubleLittleEndian(s),
                MiInt64 => BinaryPrimitives.ReadInt64LittleEndian(s),
                _ => BinaryPrimitives.ReadUInt64LittleEndian(s),
            };
        }
        return values;
    }

    private static string CharText(int type, ReadOnlySpan<byte> d, int[] dims)
    {
        string columnMajor = type switch
        {
            MiUInt16 or MiUtf16 => Encoding.Unicode.GetString(d),
            MiUtf8 => Encoding.UTF8.GetString(d),
            MiUInt8 or MiInt8 => Encoding.Latin1.GetString(d),
            _ => throw new FormatException($"char data of type {type}"),
        };
        int rows = dims.Length > 0 ? dims[0] : 0;
        if (rows <= 1)
            return columnMajor;
        int columns = columnMajor.Length / rows;
        var lines = new string[rows];
        for (int r = 0; r < rows; r++)
        {
            var line = new StringBuilder(columns);
            for (int c = 0; c < columns; c++)
                line.Append(columnMajor[c * rows + r]);
            lines[r] = line.ToString();
        }
        return string.Join('\n', lines);
    }
}
