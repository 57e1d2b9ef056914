using System.Text.Json;
using Iqa.Gpu.Images;
using Iqa.Gpu.Sweeps.Datasets;
using Iqa.Gpu.Sweeps.Results;
using Iqa.Gpu.Sweeps.Statistics;

namespace Iqa.Gpu.Tests.Sweeps;

/// <summary>
/// The pieces of a sweep together on real data: the CSIQ part of dataset_promptiqa_subset (one reference, white noise
/// and blur at 5 levels each, with CSIQ's DMOS) read by the generic CSV reader, scored with NIQE by the engine's
/// library API, then analysed, written to results.json and plotted.
/// </summary>
public class RealSubsetSweepTests
{
    [Fact]
    public void Niqe_against_csiq_dmos_end_to_end()
    {
        var dataset = CsvDatasetReader.Read(TestPaths.RefData("dataset_promptiqa_subset", "scores.csv"),
            new CsvDatasetOptions(LowerIsBetter: true, Distorted: "file", Score: "score"));
        var csiq = dataset.Items.Where(i => i.Id.StartsWith("csiq/", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, csiq.Count);
        using var engine = IqaEngine.Create(new EngineOptions { Metrics = ["niqe"], Accelerator = "cpu" });
        // The type is the distortion in CSIQ's file name (1600.AWGN.3.png).
        var items = csiq.Select(i => new ScoredItem(i.Id, engine.Score(i.Distorted).Scores["niqe"], i.Score,
            Path.GetFileName(i.Distorted).Split('.')[1])).ToList();
        var result = AgreementAnalysis.Analyze("niqe", items, new BootstrapSettings(200, 1));

        // NIQE grows with both distortions level by level, as the DMOS does; across the two types, mostly.
        Assert.Equal(["AWGN", "BLUR"], result.ByType.Select(t => t.Type));
        Assert.All(result.ByType, t => Assert.Equal(1.0, t.Raw.Srcc.Statistic.Value!.Value, 1e-12));
        Assert.InRange(result.Raw.Srcc.Statistic.Value!.Value, 0.9, 1.0);
        Assert.True(result.Fit.Converged, result.Fit.Failure);

        using var temp = new TempDirectory();
        var results = new SweepResults("CSIQ (dataset_promptiqa_subset)", dataset.ScoreName, dataset.Direction, items.Count,
            new BootstrapSettings(200, 1), [new("accelerator", "cpu")], [result]);
        SweepResultsJson.Write(results, temp.File("results.json"));
        var json = JsonDocument.Parse(File.ReadAllText(temp.File("results.json"))).RootElement;
        Assert.Equal("lower_is_better", json.GetProperty("subjective").GetProperty("direction").GetString());
        var srcc = json.GetProperty("metrics")[0].GetProperty("raw").GetProperty("srcc");
        Assert.Equal(result.Raw.Srcc.Statistic.Value, srcc.GetProperty("value").GetDouble());
        ScatterPlot.SavePng(temp.File("niqe.png"), results.Dataset, "DMOS", result, items);
        Assert.Equal(ScatterPlot.DefaultWidth, ImageDecoder.Decode(temp.File("niqe.png")).Width);
    }
}
