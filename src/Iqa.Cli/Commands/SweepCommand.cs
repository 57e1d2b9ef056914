using System.CommandLine;
using Iqa.Cli.Output;
using Iqa.Gpu;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Metrics.Options;
using Iqa.Gpu.Pipelines;
using Iqa.Gpu.Scoring;
using Iqa.Gpu.Sweeps;
using Iqa.Gpu.Sweeps.Datasets;
using Iqa.Gpu.Sweeps.Results;
using Iqa.Gpu.Sweeps.Statistics;

namespace Iqa.Cli.Commands;

/// <summary>
/// <c>iqa sweep --dataset NAME --root DIR --out DIR</c>: scores a dataset (or one shard of it) through the batch
/// pipeline into <c>OUT/scores.jsonl</c> (resumable), records what it scored in <c>OUT/sweep.json</c>, and, for a
/// whole dataset, compares every metric with the subjective scores: <c>OUT/results.json</c>, a table on stdout and a
/// scatter plot per metric (<c>OUT/METRIC.png</c>). Shards are combined by <c>iqa merge</c> (docs/scale-out.md).
/// </summary>
public static class SweepCommand
{
    public const string ScoresFile = "scores.jsonl", PartialScoresFile = "scores.partial.jsonl", ResultsFile = "results.json";

    private static readonly string[] Datasets = ["kadid10k", "tid2013", "live", "csiq", "koniq10k", "pipal", "csv"];
    private static readonly int MaxThreads = 4 * Environment.ProcessorCount;

    public static Command Create()
    {
        var dataset = OptionParsing.Create("--dataset", $"The dataset's layout: {string.Join(", ", Datasets)}", ParseDataset);
        dataset.Required = true;
        dataset.CompletionSources.Add(Datasets);
        var root = new Option<string>("--root") { Description = "The dataset's folder, as published", Required = true };
        var scores = new Option<string?>("--scores") { Description = "csv only: the score file (default ROOT/scores.csv)" };
        var lowerBetter = new Option<bool>("--lower-better") { Description = "csv only: the subjective scores are DMOS (higher is worse)" };
        var outDir = new Option<string>("--out") { Description = "Output folder: scores.jsonl, sweep.json, results.json, one PNG per metric", Required = true };
        var resume = new Option<bool>("--resume") { Description = "Keep the items already scored in --out and score the rest" };
        var bootstrap = OptionParsing.Integer("--bootstrap", "Bootstrap resamples for the 95 % confidence intervals, 0 to 100000 (0: none)", 0, 100_000, 1000);
        var seed = OptionParsing.Integer("--seed", "Seed of the bootstrap resampling (the same seed gives the same intervals anywhere)", 0, long.MaxValue, 0);
        var threads = OptionParsing.Integer("--threads", $"Decoding threads, 1 to {MaxThreads} (default: the core count)", 1, MaxThreads, Environment.ProcessorCount);
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress and no summary on stderr" };
        var shard = ShardOption.Create();
        var options = new ScoringOptions();
        var command = new Command("sweep", "Score a dataset and correlate every metric with its subjective scores (SRCC, KRCC, PLCC, RMSE)");
        foreach (var o in new Option[] { dataset, root, scores, lowerBetter, outDir, resume, bootstrap, seed, threads, quiet, shard })
            command.Options.Add(o);
        options.AddTo(command);
        CommandRunner.SetAction(command, (parse, output, error) =>
        {
            var metrics = options.Metrics(parse);
            var settings = options.Settings(parse);
            var bootstrapSettings = new BootstrapSettings((int)parse.GetValue(bootstrap), (ulong)parse.GetValue(seed));
            using var device = options.CreateDevice(parse);
            using var scorer = new Scorer(device, metrics, settings, parse.GetValue(options.MaxPixels));
            var data = Read(parse.GetValue(dataset)!, parse.GetValue(root)!, parse.GetValue(scores), parse.GetValue(lowerBetter));
            if (data.IsFullReference != scorer.NeedsReference)
                throw new IqaException(data.IsFullReference
                    ? $"{data.Name} has reference images: choose full-reference metrics (ssim, psnr, ...)"
                    : $"{data.Name} has no reference images: choose no-reference metrics (niqe)");
            var manifest = SweepManifest.For(data, ShardOption.Resolve(parse, shard), ModelFiles(metrics, settings));
            string folder = parse.GetValue(outDir)!;
            var summary = Score(scorer, manifest, folder, parse.GetValue(resume), (int)parse.GetValue(threads), parse.GetValue(quiet), output, error);
            if (manifest.Shard is { } s)
            {
                if (!parse.GetValue(quiet))
                    error.WriteLine($"sweep: shard {s} of {manifest.Describe()}: {manifest.Items.Count} items in {folder}; combine the shards with 'iqa merge'");
            }
            else
                Report(folder, manifest, BatchRows.Read(Path.Combine(folder, ScoresFile)), bootstrapSettings, parse.GetValue(options.Format), output);
            return summary.Failed == 0 ? ExitCodes.Success : ExitCodes.PartialFailure;
        });
        return command;
    }

    /// <summary>
    /// Scores the manifest's items into FOLDER/scores.partial.jsonl (resumable), then renames it scores.jsonl and writes
    /// sweep.json: a folder holds a sweep.json only beside complete scores.
    /// </summary>
    private static BatchSummary Score(Scorer scorer, SweepManifest manifest, string folder, bool resume, int threads, bool quiet,
        TextWriter output, TextWriter error)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IqaException($"{folder}: cannot create the output folder ({e.Message})", e);
        }
        string partial = Path.Combine(folder, PartialScoresFile), complete = Path.Combine(folder, ScoresFile);
        string manifestPath = Path.Combine(folder, SweepManifest.FileName);
        // A resumed run continues the partial file, or a complete one (nothing left to score but the report).
        if (resume && !File.Exists(partial) && File.Exists(complete))
            File.Move(complete, partial);
        File.Delete(manifestPath);
        var items = manifest.Items.Select(i => new BatchItem(i.Item.Reference, i.Item.Distorted, i.Item.Id)).ToList();
        var scope = new BatchScope(manifest.DatasetItems, manifest.DatasetSha256, manifest.Shard);
        BatchSummary summary;
        using (var file = BatchOutputFile.Open(partial, scorer.Provenance, scope, !scorer.NeedsReference, [.. scorer.Metrics.SelectMany(m => m.ScoreNames)],
                   withId: true, resume))
            summary = BatchRun.Execute(scorer, items, file, threads, quiet, output, error);
        File.Move(partial, complete, overwrite: true);
        manifest.Write(manifestPath);
        return summary;
    }

    /// <summary>The statistics of complete scores: results.json, a plot per metric, and the table (or the JSON) on stdout.</summary>
    public static void Report(string folder, SweepManifest manifest, BatchRows scores, BootstrapSettings bootstrap, OutputFormat format, TextWriter output)
    {
        var header = scores.Headers.Count > 0 ? scores.Headers[0]
            : throw new IqaException($"{Path.Combine(folder, ScoresFile)}: no provenance record");
        var metrics = header.GetProperty("metrics").EnumerateArray().Select(m => m.GetString()!).ToList();
        var byId = scores.Rows.Where(r => r.Scores is not null && r.Id is not null)
            .ToDictionary(r => r.Id!, r => r.Scores!);
        var (results, perMetric) = SweepAnalysis.Run(manifest, byId, metrics, bootstrap, ProvenanceOf(header));
        SweepResultsJson.Write(results, Path.Combine(folder, ResultsFile));
        foreach (var metric in perMetric)
            ScatterPlot.SavePng(Path.Combine(folder, metric.Agreement.Metric + ".png"), manifest.Dataset,
                manifest.SubjectiveName, metric.Agreement, metric.Items);
        if (format == OutputFormat.Json)
            output.WriteLine(SweepResultsJson.ToJson(results));
        else
            SweepTable.Write(output, results, format == OutputFormat.Csv);
    }

    /// <summary>What results.json records of the scores' provenance: read from the header record, so a merge records the same.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ProvenanceOf(System.Text.Json.JsonElement header)
    {
        var list = new List<KeyValuePair<string, string>> { new("profile", header.GetProperty("profile").GetString()!) };
        list.AddRange(header.GetProperty("settings").EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)));
        list.Add(new("metrics", string.Join(",", header.GetProperty("metrics").EnumerateArray().Select(m => m.GetString()))));
        list.Add(new("accelerator", header.GetProperty("accelerator").GetString()!));
        list.Add(new("device", header.GetProperty("device").GetString()!));
        if (header.TryGetProperty("computed_on", out var computedOn))
            list.AddRange(computedOn.EnumerateObject().Select(p => new KeyValuePair<string, string>($"computed_on.{p.Name}", p.Value.GetString()!)));
        return list;
    }

    /// <summary>SHA-256 of every model file a metric option names (so shards prove they used the same model).</summary>
    private static IReadOnlyList<KeyValuePair<string, string>> ModelFiles(IReadOnlyList<MetricDescriptor> metrics, ScoreSettings settings) =>
    [
        .. from m in metrics
           from o in m.Options.OfType<PathOption>()
           let value = settings.Get(m, o)
           where !o.IsKeyword(value)
           select new KeyValuePair<string, string>($"{m.Name}.{o.Name}", SweepManifest.FileSha256(value)),
    ];

    private static string ParseDataset(string text) =>
        Datasets.FirstOrDefault(d => string.Equals(d, text.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new IqaException($"unknown dataset '{text}' ({string.Join(", ", Datasets)})");

    private static Dataset Read(string name, string root, string? scores, bool lowerBetter)
    {
        if (name != "csv" && (scores is not null || lowerBetter))
            throw new IqaException($"--scores and --lower-better apply to --dataset csv; {name}'s layout fixes its score file and direction");
        return name switch
        {
            "kadid10k" => Kadid10kReader.Read(root),
            "tid2013" => Tid2013Reader.Read(root),
            "live" => Live2Reader.Read(root),
            "csiq" => CsiqReader.Read(root),
            "koniq10k" => KonIq10kReader.Read(root),
            "pipal" => PipalReader.Read(root),
            _ => CsvDatasetReader.Read(scores ?? root, new CsvDatasetOptions(LowerIsBetter: lowerBetter)),
        };
    }
}
