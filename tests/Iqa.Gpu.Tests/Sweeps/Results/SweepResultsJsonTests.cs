using System.Text.Json;
using Iqa.Gpu.Sweeps.Datasets;
using Iqa.Gpu.Sweeps.Results;
using Iqa.Gpu.Sweeps.Statistics;

namespace Iqa.Gpu.Tests.Sweeps.Results;

public class SweepResultsJsonTests
{
    private static readonly BootstrapSettings Bootstrap = new(100, 11);

    private static SweepResults Results(params MetricAgreement[] metrics) =>
        new("KADID-10k", "DMOS", ScoreDirection.HigherIsBetter, metrics[0].Count, Bootstrap, [new("profile", "matlab"), new("accelerator", "cpu")], metrics);

    [Fact]
    public void Writes_every_statistic_with_its_interval_and_the_fit()
    {
        var items = SweepSamples.Items(3, 20);
        var metric = AgreementAnalysis.Analyze("psnr", items, Bootstrap);
        using var temp = new TempDirectory();
        string path = temp.File("results.json");
        SweepResultsJson.Write(Results(metric), path);
        var root = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        Assert.Equal("KADID-10k", root.GetProperty("dataset").GetString());
        Assert.Equal("higher_is_better", root.GetProperty("subjective").GetProperty("direction").GetString());
        Assert.Equal(11UL, root.GetProperty("bootstrap").GetProperty("seed").GetUInt64());
        Assert.Equal("matlab", root.GetProperty("provenance").GetProperty("profile").GetString());
        var m = root.GetProperty("metrics")[0];
        Assert.Equal(60, m.GetProperty("items").GetInt32());
        var srcc = m.GetProperty("raw").GetProperty("srcc");
        Assert.Equal(metric.Raw.Srcc.Statistic.Value!.Value, srcc.GetProperty("value").GetDouble());
        Assert.Equal(metric.Raw.Srcc.Interval!.Value.Lower, srcc.GetProperty("ci").GetProperty("lower").GetDouble());
        Assert.Equal(metric.Raw.Srcc.Statistic.PValue!.Value, srcc.GetProperty("p").GetDouble());
        Assert.False(m.GetProperty("raw").GetProperty("rmse").TryGetProperty("p", out _));
        Assert.Equal(metric.Fit.Parameters![1], m.GetProperty("fit").GetProperty("params").GetProperty("b2").GetDouble());
        Assert.Equal(metric.Fitted!.Plcc.Statistic.Value!.Value, m.GetProperty("fitted").GetProperty("plcc").GetProperty("value").GetDouble());
        Assert.Equal(["type 1", "type 2", "type 3"], m.GetProperty("by_type").EnumerateArray().Select(t => t.GetProperty("type").GetString()));
    }

    [Fact]
    public void Undefined_values_are_null_with_their_reason_never_nan()
    {
        var flat = Enumerable.Range(0, 10).Select(i => new ScoredItem($"i{i}", 0.5, i, null)).ToList();
        var json = SweepResultsJson.ToJson(Results(AgreementAnalysis.Analyze("flat", flat, Bootstrap)));
        Assert.DoesNotContain("NaN", json);
        Assert.DoesNotContain("Infinity", json);
        var m = JsonDocument.Parse(json).RootElement.GetProperty("metrics")[0];
        var plcc = m.GetProperty("raw").GetProperty("plcc");
        Assert.Equal(JsonValueKind.Null, plcc.GetProperty("value").ValueKind);
        Assert.Equal("the metric scores are all equal", plcc.GetProperty("undefined").GetString());
        Assert.Equal(JsonValueKind.Null, plcc.GetProperty("ci").ValueKind);
        Assert.Equal(JsonValueKind.Null, plcc.GetProperty("p").ValueKind);
        var fit = m.GetProperty("fit");
        Assert.False(fit.GetProperty("converged").GetBoolean());
        Assert.Equal(JsonValueKind.Null, fit.GetProperty("params").ValueKind);
        Assert.Equal(JsonValueKind.Null, fit.GetProperty("sse").ValueKind);
        Assert.Equal("the metric scores are all equal", fit.GetProperty("failure").GetString());
        Assert.Equal(JsonValueKind.Null, m.GetProperty("fitted").ValueKind);
    }
}
