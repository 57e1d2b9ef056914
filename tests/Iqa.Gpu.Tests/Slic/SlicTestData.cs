using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Iqa.Gpu.Images;

namespace Iqa.Gpu.Tests.Slic;

/// <summary>The files of TestData/slic (made by make_slic_cases.py with scikit-image itself) and the refdata CSV.</summary>
internal static class SlicTestData
{
    public static string Path(string name) => TestPaths.Repo("tests", "Iqa.Gpu.Tests", "TestData", "slic", name);

    public static JsonElement Manifest { get; } = JsonDocument.Parse(File.ReadAllText(Path("cases.json"))).RootElement;

    public static DecodedImage Image(string name) => ImageDecoder.Decode(Path(name));

    /// <summary>Reads a little-endian int32 or float64 .npy file (C order) as a flat array.</summary>
    public static T[] Npy<T>(string name) where T : unmanaged
    {
        byte[] bytes = File.ReadAllBytes(Path(name));
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
            throw new InvalidDataException($"{name}: not a .npy file");
        int headerLength = bytes[6] == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)) : (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        int dataStart = (bytes[6] == 1 ? 10 : 12) + headerLength;
        string header = Encoding.ASCII.GetString(bytes, dataStart - headerLength, headerLength);
        string descr = typeof(T) == typeof(int) ? "'<i4'" : typeof(T) == typeof(double) ? "'<f8'" : throw new ArgumentException(typeof(T).Name);
        if (!header.Contains(descr) || !header.Contains("'fortran_order': False"))
            throw new InvalidDataException($"{name}: expected {descr} in C order, header {header}");
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(bytes.AsSpan(dataStart)).ToArray();
    }

    /// <summary>SHA-256 of the labels as little-endian int32, row-major (the CSV's labels_sha256_int32_rowmajor).</summary>
    public static string Sha256(int[] labels)
    {
        var bytes = new byte[labels.Length * 4];
        for (int i = 0; i < labels.Length; i++)
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 * i), labels[i]);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>The rows of refdata/slic_ref/slic_reference_values.csv.</summary>
    public static IReadOnlyList<ReferenceRow> ReferenceRows { get; } = ReadReference();

    public sealed record ReferenceRow(string File, int Height, int Width, int Segments, double Compactness, int StartLabel,
        int Labels, double WeightedMean, double Pooled, double UnweightedMean, int MinSize, int MaxSize, string Sha256, string LabelPng)
    {
        public override string ToString() => $"{System.IO.Path.GetFileName(File)} K={Segments}";
    }

    private static List<ReferenceRow> ReadReference()
    {
        var lines = System.IO.File.ReadAllLines(TestPaths.RefData("slic_ref", "slic_reference_values.csv"));
        var head = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(head, name) is var i and >= 0 ? i : throw new InvalidDataException(name);
        var rows = new List<ReferenceRow>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split(',');
            double D(string c) => double.Parse(f[Col(c)], System.Globalization.CultureInfo.InvariantCulture);
            int I(string c) => int.Parse(f[Col(c)], System.Globalization.CultureInfo.InvariantCulture);
            rows.Add(new ReferenceRow(f[Col("file")], I("height"), I("width"), I("n_segments"), D("compactness"), I("start_label"),
                I("n_labels"), D("lab_rms_weighted_mean"), D("lab_rms_pooled"), D("lab_rms_unweighted_mean"), I("min_size_px"),
                I("max_size_px"), f[Col("labels_sha256_int32_rowmajor")], f[Col("label_png")]));
        }
        return rows;
    }
}
