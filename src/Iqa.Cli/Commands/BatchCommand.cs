using System.CommandLine;
using Iqa.Cli.Output;
using Iqa.Gpu;
using Iqa.Gpu.Pipelines;
using Iqa.Gpu.Scoring;

namespace Iqa.Cli.Commands;

/// <summary>
/// <c>iqa batch</c>: scores many pairs (or images) in one process, one output row per item as soon as it is
/// scored; resumable. Exit code 0 only when every item was scored, 3 when some failed.
/// </summary>
public static class BatchCommand
{
    /// <summary>More decoders than this only add memory and contention.</summary>
    private static readonly int MaxThreads = 4 * Environment.ProcessorCount;

    public static Command Create()
    {
        var refDir = new Option<string?>("--ref-dir") { Description = "Folder of reference images" };
        var distDirs = new Option<string[]>("--dist-dir")
        {
            Description = "Folder of distorted images, paired with the reference at the same relative path (repeatable)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var pattern = new Option<string?>("--pattern")
        {
            Description = "Pair each reference with the distorted files named like this, e.g. '{stem}_*' (KADID-10k: I01.png -> I01_01_01.png)",
        };
        var pairs = new Option<string?>("--pairs") { Description = "CSV list with header ref,dist[,id] (or dist only); paths relative to the CSV" };
        var dir = new Option<string?>("--dir") { Description = "Folder of images for no-reference metrics" };
        var outPath = new Option<string?>("--out") { Description = "Output file: .jsonl or .csv (default: JSON Lines on stdout)" };
        var resume = new Option<bool>("--resume") { Description = "Skip items already in --out (scored or failed) and append" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress and no summary on stderr" };
        var threads = OptionParsing.Integer("--threads", $"Decoding threads, 1 to {MaxThreads} (default: the core count)",
            1, MaxThreads, Environment.ProcessorCount);
        var shard = ShardOption.Create();
        var options = new ScoringOptions();
        var maps = new MapOptions();
        var command = new Command("batch", "Score many image pairs or images, writing one row per item");
        foreach (var o in new Option[] { refDir, distDirs, pattern, pairs, dir, outPath, resume, quiet, threads, shard, maps.MapsDirectory, maps.MapScale, maps.Regions })
            command.Options.Add(o);
        options.AddTo(command, format: false);
        CommandRunner.SetAction(command, (parse, output, error) =>
        {
            var metrics = options.Metrics(parse);
            string? mapsDirectory = parse.GetValue(maps.MapsDirectory);
            var analysis = maps.Analysis(parse, metrics, mapsDirectory is not null);
            BatchMaps? mapFiles = null; // opened once the items are listed, before any is scored
            // Metrics are initialized (options, models, kernels) before any input is listed or read.
            using var device = options.CreateDevice(parse);
            using var scorer = new Scorer(device, metrics, options.Settings(parse), parse.GetValue(options.MaxPixels),
                analysis: MapOptions.Factory(analysis, metrics, mapsDirectory is null ? null : pair => mapFiles!.Write(pair)));
            var listed = Items(parse.GetValue(refDir), parse.GetValue(distDirs) ?? [], parse.GetValue(pattern), parse.GetValue(pairs), parse.GetValue(dir));
            var (items, scope) = ShardOption.Select(listed, ShardOption.Resolve(parse, shard));
            mapFiles = mapsDirectory is null ? null : BatchMaps.Open(mapsDirectory, listed, items);
            using var mapIndex = mapFiles;
            bool noReference = !scorer.NeedsReference;
            if (items.Any(i => (i.Reference is null) != noReference))
                throw new IqaException(noReference
                    ? "no-reference metrics take images alone: use --dir or a list with only a 'dist' column"
                    : "full-reference metrics need pairs: use --ref-dir/--dist-dir or --pairs with ref and dist columns");
            var scoreNames = scorer.ScoreNames;
            string? path = parse.GetValue(outPath);
            if (path is null && parse.GetValue(resume))
                throw new IqaException("--resume needs --out FILE");
            using var file = path is null ? null
                : BatchOutputFile.Open(path, scorer.Provenance, scope, noReference, scoreNames, items.Any(i => i.Id is not null), parse.GetValue(resume));
            if (file is null)
                output.WriteLine(BatchOutputFile.HeaderRecord(scorer.Provenance, scope, 0));
            var summary = BatchRun.Execute(scorer, items, file, (int)parse.GetValue(threads), parse.GetValue(quiet), output, error);
            return summary.Failed == 0 ? ExitCodes.Success : ExitCodes.PartialFailure;
        });
        return command;
    }

    private static IReadOnlyList<BatchItem> Items(string? refDir, string[] distDirs, string? pattern, string? pairs, string? dir)
    {
        int sources = (refDir is not null || distDirs.Length > 0 ? 1 : 0) + (pairs is not null ? 1 : 0) + (dir is not null ? 1 : 0);
        if (sources != 1)
            throw new IqaException("give exactly one input: --ref-dir with --dist-dir, --pairs FILE.csv, or --dir");
        if (pairs is not null)
            return PairSources.FromCsv(pairs);
        if (dir is not null)
            return PairSources.FromDirectory(dir);
        if (refDir is null || distDirs.Length == 0)
            throw new IqaException("--ref-dir and --dist-dir go together");
        return PairSources.FromDirectories(refDir, distDirs, pattern);
    }
}
