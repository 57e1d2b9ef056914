using System.Text.Json;
using Iqa.Gpu.Sweeps.Datasets;

namespace Iqa.Gpu.Tests.Sweeps.Datasets;

/// <summary>
/// The MAT-file reader on files written by scipy.io.savemat (format 5, with and without compression; mat/ and
/// mat_expected.json from make_dataset_fixtures.py): every variable's class, dimensions and values.
/// </summary>
public class MatFileTests
{
    [Theory]
    [InlineData("variables_plain.mat")]
    [InlineData("variables_compressed.mat")]
    public void Reads_what_scipy_wrote(string file)
    {
        var variables = MatFile.Read(SweepTestData.Path("mat", file));
        using var expected = JsonDocument.Parse(File.ReadAllText(SweepTestData.Path("mat", "mat_expected.json")));
        Assert.Equal(expected.RootElement.EnumerateObject().Select(p => p.Name).Order(), variables.Keys.Order());
        foreach (var p in expected.RootElement.EnumerateObject())
        {
            var array = variables[p.Name];
            Assert.Equal(p.Value.GetProperty("dims").EnumerateArray().Select(d => d.GetInt32()), array.Dimensions);
            if (p.Value.TryGetProperty("values", out var values))
                Assert.Equal(values.EnumerateArray().Select(v => v.GetDouble()), Assert.IsType<MatNumeric>(array).Values);
            else if (p.Value.TryGetProperty("text", out var text))
                Assert.Equal(text.GetString(), Assert.IsType<MatChar>(array).Text);
            else if (p.Value.TryGetProperty("cells", out var cells))
                Assert.Equal(cells.EnumerateArray().Select(c => c.GetString()), Assert.IsType<MatCell>(array).Cells.Select(c => Assert.IsType<MatChar>(c).Text));
            else
                Assert.Equal(p.Value.GetProperty("unsupported").GetString(), Assert.IsType<MatUnsupported>(array).Kind);
        }
    }

    [Fact]
    public void Refuses_what_it_cannot_read_naming_the_file()
    {
        using var temp = new TempDirectory();
        byte[] good = File.ReadAllBytes(SweepTestData.Path("mat", "variables_plain.mat"));
        var cases = new (string Name, byte[] Bytes, string Problem)[]
        {
            ("short.mat", good[..100], "shorter than the 128-byte header"),
            ("hdf5.mat", [.. "MATLAB 7.3 MAT-file"u8, .. new byte[200]], "a v7.3 (HDF5) file"),
            ("truncated.mat", good[..(good.Length - 5)], "past the end"),
            ("big.mat", [.. good[..126], (byte)'M', (byte)'I', .. good[128..]], "a big-endian file"),
        };
        foreach (var (name, bytes, problem) in cases)
        {
            string path = temp.Write(name, bytes);
            var e = Assert.Throws<IqaException>(() => MatFile.Read(path));
            Assert.StartsWith($"{path} is not a readable MAT-file: ", e.Message);
            Assert.Contains(problem, e.Message);
        }
    }
}
