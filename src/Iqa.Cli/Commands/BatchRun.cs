using Iqa.Cli.Output;
using Iqa.Gpu.Pipelines;
using Iqa.Gpu.Scoring;

namespace Iqa.Cli.Commands;

/// <summary>
/// The scoring loop <c>iqa batch</c> and <c>iqa sweep</c> share: the items not yet in the output through the batch
/// pipeline, each outcome written as it comes (to the file, or as JSON Lines to stdout), failures on stderr, progress
/// and the summary unless quiet.
/// </summary>
internal static class BatchRun
{
    public static BatchSummary Execute(Scorer scorer, IReadOnlyList<BatchItem> items, BatchOutputFile? file, int threads,
        bool quiet, TextWriter output, TextWriter error)
    {
        bool noReference = !scorer.NeedsReference;
        var todo = file is null ? items : items.Where(i => !file.Done.Contains(i.Key)).ToList();
        var progress = quiet ? null : new ProgressReporter(error, noReference ? "images" : "pairs", todo.Count, ProgressReporter.IsTerminal(error));
        long done = 0;
        var summary = BatchPipeline.RunAsync(todo, scorer, BatchOptions.Default with { DecodeThreads = threads }, outcome =>
        {
            if (file is not null)
                file.Write(outcome);
            else
                output.WriteLine(BatchOutputFile.JsonRow(outcome, noReference));
            if (outcome.Error is not null)
                error.WriteLine($"iqa: {outcome.Error}");
            progress?.Report(++done);
        }).GetAwaiter().GetResult();
        progress?.Finish(done);
        summary.Skipped = items.Count - todo.Count;
        if (!quiet)
            WriteSummary(error, summary, scorer);
        return summary;
    }

    private static void WriteSummary(TextWriter error, BatchSummary s, Scorer scorer)
    {
        error.WriteLine($"batch: {s.Scored} scored, {s.Failed} failed, {s.Skipped} already done; {s.ItemsPerSecond:F1} items/s; " +
                        scorer.Provenance.Describe());
        var rows = new List<string[]> { new[] { "metric", "mean", "min", "max", "not finite" } };
        rows.AddRange(s.Metrics.Select(m => new[]
        {
            m.Metric, ScoreFormatting.Text(m.Mean), ScoreFormatting.Text(m.Min), ScoreFormatting.Text(m.Max), m.Infinite.ToString(),
        }));
        if (rows.Count > 1)
            TextTable.Write(error, rows);
    }
}
