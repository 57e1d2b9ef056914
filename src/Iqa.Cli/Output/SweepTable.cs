using System.Globalization;
using Iqa.Gpu.Sweeps.Results;
using Iqa.Gpu.Sweeps.Statistics;

namespace Iqa.Cli.Output;

/// <summary>
/// A sweep's results for people (or as CSV): per metric and per distortion type, the item count, SRCC and KRCC of the
/// raw scores, PLCC and RMSE after the logistic fit (raw when the fit failed, marked), each with its 95 % interval.
/// </summary>
public static class SweepTable
{
    public static void Write(TextWriter output, SweepResults results, bool csv)
    {
        var rows = new List<string[]> { new[] { "metric", "type", "n", "SRCC", "KRCC", "PLCC", "RMSE", "fit" } };
        foreach (var m in results.Metrics)
        {
            rows.Add(Row(m.Metric, "all", m.Count, m.Raw, m.Fitted, m.Fit.Converged ? "logistic" : "failed: " + m.Fit.Failure, csv));
            rows.AddRange(m.ByType.Select(t => Row(m.Metric, t.Type, t.Count, t.Raw, t.Fitted, "", csv)));
        }
        if (csv)
        {
            foreach (var row in rows)
                output.WriteLine(string.Join(',', row.Select(Csv.Escape)));
            return;
        }
        output.WriteLine($"{results.Dataset}: {results.ItemCount} items against {results.SubjectiveName}; PLCC and RMSE after the logistic fit; " +
                         $"[95 % bootstrap interval, {results.Bootstrap.Resamples} resamples, seed {results.Bootstrap.Seed}]");
        TextTable.Write(output, rows);
    }

    private static string[] Row(string metric, string type, int count, Agreement raw, Agreement? fitted, string fit, bool csv) =>
    [
        metric, type, count.ToString(CultureInfo.InvariantCulture), Text(raw.Srcc, csv), Text(raw.Krcc, csv),
        Text((fitted ?? raw).Plcc, csv), Text((fitted ?? raw).Rmse, csv), fitted is null && fit == "" ? "raw" : fit,
    ];

    private static string Text(Estimate e, bool csv)
    {
        if (e.Statistic.Value is not double v)
            return "undefined";
        string value = v.ToString(csv ? "R" : "0.0000", CultureInfo.InvariantCulture);
        return e.Interval is { } ci && !csv
            ? $"{value} [{ci.Lower.ToString("0.0000", CultureInfo.InvariantCulture)}, {ci.Upper.ToString("0.0000", CultureInfo.InvariantCulture)}]"
            : value;
    }
}
