using System.Text.Json;
using Iqa.Gpu.Metrics.Niqe;

namespace Iqa.Gpu.Tests.Niqe;

public sealed class NiqeModelTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Default_model_is_the_LIVE_release_model_bit_for_bit()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestPaths.RefData("niqe", "niqe_pristine_model.json")));
        var mu = doc.RootElement.GetProperty("mu").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var cov = doc.RootElement.GetProperty("cov").EnumerateArray()
            .Select(r => r.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();
        var model = NiqeModel.Default;
        for (int i = 0; i < 36; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(mu[i]), BitConverter.DoubleToInt64Bits(model.Mean[i]));
            for (int j = 0; j < 36; j++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(cov[i][j]), BitConverter.DoubleToInt64Bits(model.Covariance(i, j)));
        }
    }

    [Fact]
    public void Mscn_window_is_the_reference_window_bit_for_bit()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestPaths.RefData("niqe", "niqe_pristine_model.json")));
        var window = doc.RootElement.GetProperty("gaussian_window_7x7").EnumerateArray()
            .SelectMany(r => r.EnumerateArray().Select(e => e.GetDouble())).ToArray();
        Assert.Equal(window, MscnWindow.Window2D);
        Assert.Equal(1.0, MscnWindow.Window2D.Sum(), 15);
        // The separable factor the vectorized path uses reproduces the window to rounding.
        for (int i = 0; i < 7; i++)
            for (int j = 0; j < 7; j++)
                Assert.True(Math.Abs(MscnWindow.Window1D[i] * MscnWindow.Window1D[j] - window[i * 7 + j]) <= 1e-16 * window[i * 7 + j] * 8,
                    $"g[{i}]·g[{j}] = {MscnWindow.Window1D[i] * MscnWindow.Window1D[j]:R} vs {window[i * 7 + j]:R}");
    }

    [Fact]
    public void Save_then_Load_gives_the_same_numbers()
    {
        string path = _dir.File("model.json");
        NiqeModel.Default.Save(path);
        var loaded = NiqeModel.Load(path);
        Assert.Equal(NiqeModel.Default.Description, loaded.Description);
        for (int i = 0; i < 36; i++)
        {
            Assert.Equal(NiqeModel.Default.Mean[i], loaded.Mean[i]);
            for (int j = 0; j < 36; j++)
                Assert.Equal(NiqeModel.Default.Covariance(i, j), loaded.Covariance(i, j));
        }
    }

    private static string Array36(Func<int, string> item) => "[" + string.Join(",", Enumerable.Range(0, 36).Select(item)) + "]";

    private static string Cov(Func<int, int, double> entry) => Array36(i => Array36(j => entry(i, j).ToString("R")));

    public static TheoryData<string, string> MalformedModels()
    {
        string mu = Array36(_ => "0.5"), identity = Cov((i, j) => i == j ? 1 : 0);
        return new TheoryData<string, string>
        {
            { "{ \"mu\": [1, 2", "not valid JSON" },
            { "[1, 2, 3]", "expected a JSON object" },
            { "{ \"cov\": " + identity + " }", "missing \"mu\"" },
            { "{ \"mu\": " + mu + " }", "missing \"cov\"" },
            { "{ \"mu\": [1, 2, 3], \"cov\": " + identity + " }", "mu must be an array of 36 numbers" },
            { "{ \"mu\": " + Array36(i => i == 35 ? "\"x\"" : "0") + ", \"cov\": " + identity + " }", "mu entry 36 is not a number" },
            { "{ \"mu\": " + mu + ", \"cov\": [" + mu + "] }", "\"cov\" must be an array of 36 rows" },
            { "{ \"mu\": " + mu + ", \"cov\": " + Cov((i, j) => i == j ? 1 : i == 0 && j == 1 ? 0.5 : 0) + " }", "not symmetric" },
            { "{ \"mu\": " + mu + ", \"cov\": " + Cov((i, j) => i == j ? (i == 0 ? -1 : 1) : 0) + " }", "not positive semidefinite" },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedModels))]
    public void Malformed_model_file_is_a_one_line_IqaException(string json, string expected)
    {
        string path = _dir.File("bad.json");
        File.WriteAllText(path, json);
        var e = Assert.Throws<IqaException>(() => NiqeModel.Load(path));
        Assert.Contains(expected, e.Message);
        Assert.Contains(path, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Missing_model_file_is_an_IqaException()
    {
        var e = Assert.Throws<IqaException>(() => NiqeModel.Load(_dir.File("none.json")));
        Assert.Contains("not found", e.Message);
    }
}
