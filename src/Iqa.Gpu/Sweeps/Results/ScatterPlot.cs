using System.Globalization;
using Iqa.Gpu.Sweeps.Statistics;
using ScottPlot;

namespace Iqa.Gpu.Sweeps.Results;

/// <summary>
/// The scatter plot of one metric against the subjective scores (PNG, rendered headless with ScottPlot 5): one
/// colour and marker per distortion type (Category20 colours, shapes cycling past 20 types), the fitted logistic as a
/// line over the score range, axis labels, the legend outside the plot on the right, and a title with the raw SRCC
/// and the fitted PLCC ("no fit" when the fit is undefined or failed: results.json says why). Infinite scores (PSNR
/// of identical images) can't be placed and are counted in the title.
/// </summary>
public static class ScatterPlot
{
    public const int DefaultWidth = 1000, DefaultHeight = 700;

    private static readonly MarkerShape[] Shapes =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond];

    public static void SavePng(string path, string dataset, string subjectiveName, MetricAgreement result,
        IReadOnlyList<ScoredItem> items, int width = DefaultWidth, int height = DefaultHeight)
    {
        using var plot = Build(dataset, subjectiveName, result, items);
        try
        {
            plot.SavePng(path, width, height);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IqaException($"cannot write {path}: {e.Message}", e);
        }
    }

    internal static Plot Build(string dataset, string subjectiveName, MetricAgreement result, IReadOnlyList<ScoredItem> items)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category20();
        var finite = items.Where(i => double.IsFinite(i.Score)).ToList();
        var groups = finite.GroupBy(i => i.Type ?? "all items").ToList();
        for (int g = 0; g < groups.Count; g++)
        {
            double[] xs = groups[g].Select(i => i.Score).ToArray(), ys = groups[g].Select(i => i.Subjective).ToArray();
            var points = plot.Add.ScatterPoints(xs, ys, palette.GetColor(g));
            points.MarkerShape = Shapes[g / palette.Colors.Length % Shapes.Length];
            points.MarkerSize = 5;
            points.LegendText = groups[g].Key;
        }
        if (result.Fit.Parameters is { } b && finite.Count > 1)
        {
            double lo = finite.Min(i => i.Score), hi = finite.Max(i => i.Score);
            var xs = Enumerable.Range(0, 201).Select(k => lo + (hi - lo) * k / 200).ToArray();
            var curve = plot.Add.ScatterLine(xs, xs.Select(x => Logistic5.Evaluate(b, x)).ToArray(), Colors.Black);
            curve.LineWidth = 2;
            curve.LegendText = "logistic fit";
        }
        plot.Title(Title(dataset, result, items.Count - finite.Count));
        plot.XLabel(result.Metric + " score");
        plot.YLabel(subjectiveName);
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    private static string Title(string dataset, MetricAgreement result, int infinite)
    {
        string plcc = result.Fitted == null ? "no fit" : Format(result.Fitted.Plcc.Statistic);
        string title = $"{result.Metric} on {dataset}, {result.Count} items: SRCC {Format(result.Raw.Srcc.Statistic)}, fitted PLCC {plcc}";
        return infinite == 0 ? title : title + $"\n({infinite} infinite score{(infinite == 1 ? "" : "s")} not shown)";
    }

    private static string Format(StatisticValue s) => s.Value is double v ? v.ToString("F4", CultureInfo.InvariantCulture) : "undefined";
}
