using Iqa.Gpu.Sweeps.Statistics;

namespace Iqa.Gpu.Tests.Sweeps.Statistics;

public class AgreementAnalysisTests
{
    private static readonly BootstrapSettings Bootstrap = new(200, 5);

    /// <summary>Two types of 20 items: a clean increasing relation and a noisier one, scores on another scale.</summary>
    private static List<ScoredItem> Items()
    {
        var items = new List<ScoredItem>();
        for (int i = 0; i < 40; i++)
        {
            double s = i % 20 / 19.0 + (i < 20 ? 0 : 0.01 * Math.Sin(i * 7.3));
            double mos = 1 + 4 / (1 + Math.Exp(-6 * (s - 0.5))) + (i < 20 ? 0.05 : 0.4) * Math.Cos(i * 3.1);
            items.Add(new ScoredItem($"item{i:D2}", 30 + 10 * s, mos, i < 20 ? "blur" : "noise"));
        }
        return items;
    }

    [Fact]
    public void Totals_and_types_are_the_statistics_of_their_items()
    {
        var items = Items();
        var result = AgreementAnalysis.Analyze("psnr", items, Bootstrap);
        Assert.Equal(40, result.Count);
        Assert.True(result.Fit.Converged, result.Fit.Failure);
        Assert.Equal(["blur", "noise"], result.ByType.Select(t => t.Type));
        double[] x = items.Select(i => i.Score).ToArray(), y = items.Select(i => i.Subjective).ToArray();
        Assert.Equal(Correlations.Spearman(x, y), result.Raw.Srcc.Statistic);
        Assert.Equal(Correlations.Pearson(result.Fit.Map(x), y), result.Fitted!.Plcc.Statistic);
        var noise = items.Skip(20).ToArray();
        double[] nx = noise.Select(i => i.Score).ToArray(), ny = noise.Select(i => i.Subjective).ToArray();
        var type = result.ByType[1];
        Assert.Equal(20, type.Count);
        Assert.Equal(Correlations.Kendall(nx, ny), type.Raw.Krcc.Statistic);
        // Per type, the mapping fitted on all items.
        Assert.Equal(Correlations.Rmse(result.Fit.Map(nx), ny), type.Fitted!.Rmse.Statistic);
        var ci = result.Raw.Plcc.Interval!.Value;
        Assert.InRange(result.Raw.Plcc.Statistic.Value!.Value, ci.Lower, ci.Upper);
    }

    [Fact]
    public void Undefined_parts_say_why_and_carry_no_interval()
    {
        var items = Enumerable.Range(0, 8).Select(i => new ScoredItem($"i{i}", 1.0, i, null)).ToList();
        var result = AgreementAnalysis.Analyze("flat", items, Bootstrap);
        Assert.Equal("the metric scores are all equal", result.Raw.Srcc.Statistic.Undefined);
        Assert.Null(result.Raw.Srcc.Interval);
        Assert.False(result.Fit.Converged);
        Assert.Null(result.Fitted);
        Assert.Empty(result.ByType);
    }

    [Fact]
    public void A_missing_score_is_an_error_naming_the_item()
    {
        var items = Items();
        items[3] = items[3] with { Score = double.NaN };
        var e = Assert.Throws<IqaException>(() => AgreementAnalysis.Analyze("ssim", items, Bootstrap));
        Assert.Equal("ssim: item item03 has no score (NaN)", e.Message);
    }
}
