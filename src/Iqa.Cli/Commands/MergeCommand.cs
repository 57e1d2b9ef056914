using System.CommandLine;
using System.Text.Json;
using Iqa.Cli.Output;
using Iqa.Gpu;
using Iqa.Gpu.Sweeps;
using Iqa.Gpu.Sweeps.Sharding;
using Iqa.Gpu.Sweeps.Statistics;

namespace Iqa.Cli.Commands;

/// <summary>
/// <c>iqa merge OUT SHARDS...</c>: combines the outputs of a sharded <c>sweep</c> (folders) or <c>batch</c> (.jsonl files)
/// into what one process would have written, after checking they belong together: the same item list, metrics,
/// profile, settings, model files and device kind; every shard index exactly once; every item exactly once, in the
/// shard the partition gives it. Missing items are listed. A sweep's statistics are computed from the items in the
/// dataset's order, so they equal the single-process run's to the last bit.
/// </summary>
public static class MergeCommand
{
    public static Command Create()
    {
        var outPath = new Argument<string>("OUT") { Description = "The merged output: a folder for sweeps, a .jsonl file for batches" };
        var inputs = new Argument<string[]>("SHARDS") { Description = "Every shard's output folder (sweep) or .jsonl file (batch)", Arity = ArgumentArity.OneOrMore };
        var bootstrap = OptionParsing.Integer("--bootstrap", "Sweeps: bootstrap resamples, 0 to 100000", 0, 100_000, 1000);
        var seed = OptionParsing.Integer("--seed", "Sweeps: seed of the bootstrap resampling", 0, long.MaxValue, 0);
        var format = new ScoringOptions().Format;
        var command = new Command("merge", "Combine the outputs of sharded sweeps or batches into the single-process result");
        command.Arguments.Add(outPath);
        command.Arguments.Add(inputs);
        command.Options.Add(bootstrap);
        command.Options.Add(seed);
        command.Options.Add(format);
        CommandRunner.SetAction(command, (parse, output, error) =>
        {
            string[] shards = parse.GetValue(inputs)!;
            string target = parse.GetValue(outPath)!;
            if (shards.All(Directory.Exists))
                MergeSweeps(target, shards, new BootstrapSettings((int)parse.GetValue(bootstrap), (ulong)parse.GetValue(seed)),
                    parse.GetValue(format), output);
            else if (shards.All(File.Exists))
                MergeBatches(target, shards);
            else
                throw new IqaException($"{shards.First(s => !Directory.Exists(s) && !File.Exists(s))}: not found (give shard folders of a sweep or .jsonl files of a batch)");
            return ExitCodes.Success;
        });
        return command;
    }

    private sealed record Part(string Path, JsonElement Header, Shard Shard, BatchRows Output)
    {
        public IReadOnlyList<BatchRow> Rows => Output.Rows;
    }

    private static void MergeSweeps(string target, string[] folders, BootstrapSettings bootstrap, OutputFormat format, TextWriter output)
    {
        var manifests = folders.Select(f => (Folder: f, Manifest: SweepManifest.Read(Path.Combine(f, SweepManifest.FileName)))).ToList();
        var parts = folders.Select(f => Read(Path.Combine(f, SweepCommand.ScoresFile))).ToList();
        var first = manifests[0].Manifest;
        foreach (var (folder, m) in manifests)
        {
            if (m.Dataset != first.Dataset || m.DatasetSha256 != first.DatasetSha256 || m.DatasetItems != first.DatasetItems)
                throw new IqaException($"{folder}: scores {m.Describe()}, not {first.Describe()} as {manifests[0].Folder}");
            if (!m.ModelSha256.SequenceEqual(first.ModelSha256))
                throw new IqaException($"{folder}: its model files differ from {manifests[0].Folder}'s (SHA-256 in sweep.json)");
            if (m.Shard is null)
                throw new IqaException($"{folder}: scores the whole dataset, not a shard");
        }
        CheckParts(parts);
        // Each shard holds exactly its range of the id-sorted items, each scored or failed once.
        var all = manifests.SelectMany(p => p.Manifest.Items).OrderBy(i => i.Index).ToList();
        if (all.Count != first.DatasetItems || SweepManifest.ItemListSha256(all.Select(i => i.Item.Id)) != first.DatasetSha256)
            throw new IqaException($"the shards' items do not make up {first.Describe()}");
        foreach (var ((folder, manifest), part) in manifests.Zip(parts))
        {
            var expected = manifest.Shard!.Value.Select(all, i => i.Item.Id).Select(i => i.Item.Id).ToHashSet(StringComparer.Ordinal);
            if (!manifest.Items.Select(i => i.Item.Id).ToHashSet(StringComparer.Ordinal).SetEquals(expected))
                throw new IqaException($"{folder}: its items are not shard {manifest.Shard}'s part of the id-sorted list");
            CheckRows(part, expected);
        }
        var merged = first with { Shard = null, Items = all };
        var position = all.ToDictionary(i => i.Item.Id, i => i.Index, StringComparer.Ordinal);
        var rows = parts.SelectMany(p => p.Rows).OrderBy(r => position[r.Id!]).ToList();
        Directory.CreateDirectory(target);
        string record = Write(Path.Combine(target, SweepCommand.ScoresFile), parts[0].Header, all.Count, rows);
        merged.Write(Path.Combine(target, SweepManifest.FileName));
        // The merged file holds these rows under that header record: the report reads them as they are, not the file again.
        SweepCommand.Report(target, merged, new BatchRows([HeaderOf(record)], rows), bootstrap, format, output);
    }

    private static void MergeBatches(string target, string[] files)
    {
        var parts = files.Select(Read).ToList();
        CheckParts(parts);
        var header = parts[0].Header;
        int items = header.GetProperty("items").GetInt32();
        var rows = parts.SelectMany(p => p.Rows).OrderBy(r => r.ShardId, StringComparer.Ordinal).ToList();
        var ids = rows.Select(r => r.ShardId).ToList();
        if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
            throw new IqaException($"item {ids.GroupBy(i => i).First(g => g.Count() > 1).Key} appears in more than one row");
        if (ids.Count != items || SweepManifest.ItemListSha256(ids) != header.GetProperty("items_sha256").GetString())
            throw new IqaException($"the shards hold {ids.Count} items, not the {items} of the list they were made from: a shard is incomplete (resume it) or from another list");
        Write(target, header, items, rows);
    }

    /// <summary>One shard's output: its first header record (the run's scope and conventions) and its rows.</summary>
    private static Part Read(string path)
    {
        var rows = BatchRows.Read(path);
        if (rows.Headers.Count == 0)
            throw new IqaException($"{path}: no provenance record: not an output of iqa batch or sweep");
        var header = rows.Headers[0];
        string? shard = header.TryGetProperty("shard", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        return new Part(path, header, shard is null ? throw new IqaException($"{path}: not a shard (it scored the whole list)") : Shard.Parse(shard), rows);
    }

    /// <summary>Same conventions, list and device kind; shard indexes 0..n-1 once each.</summary>
    private static void CheckParts(IReadOnlyList<Part> parts)
    {
        var first = parts[0];
        foreach (var part in parts)
        {
            foreach (string field in new[] { "profile", "accelerator", "items_sha256" })
                if (Text(part.Header, field) != Text(first.Header, field))
                    throw new IqaException($"{part.Path}: {field} {Text(part.Header, field)} differs from {first.Path}'s ({Text(first.Header, field)})");
            foreach (string field in new[] { "settings", "metrics" })
                if (part.Header.GetProperty(field).GetRawText() != first.Header.GetProperty(field).GetRawText())
                    throw new IqaException($"{part.Path}: its {field} differ from {first.Path}'s: shards of one run share their conventions");
            if (part.Shard.Count != first.Shard.Count)
                throw new IqaException($"{part.Path}: shard {part.Shard} is from a split into {part.Shard.Count}, {first.Path}'s into {first.Shard.Count}");
        }
        var indexes = parts.GroupBy(p => p.Shard.Index).ToList();
        if (indexes.FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new IqaException($"shard {twice.First().Shard} is given twice: {string.Join(", ", twice.Select(p => p.Path))}");
        var missing = Enumerable.Range(0, first.Shard.Count).Except(indexes.Select(g => g.Key)).ToList();
        if (missing.Count > 0)
            throw new IqaException($"missing shard(s) {string.Join(", ", missing.Select(i => $"{i}/{first.Shard.Count}"))}");
    }

    /// <summary>The rows of a shard are exactly its items, each once.</summary>
    private static void CheckRows(Part part, IReadOnlySet<string> expected)
    {
        var ids = part.Rows.Select(r => r.Id ?? "").ToList();
        if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
            throw new IqaException($"{part.Path}: an item appears in more than one row");
        var absent = expected.Except(ids, StringComparer.Ordinal).ToList();
        if (absent.Count > 0)
            throw new IqaException($"{part.Path}: {absent.Count} item(s) of shard {part.Shard} have no row, e.g. {absent[0]}: resume that shard");
        if (ids.FirstOrDefault(i => !expected.Contains(i)) is { } stray)
            throw new IqaException($"{part.Path}: item {stray} is not in shard {part.Shard}");
    }

    /// <summary>
    /// The merged file: the first shard's header record as a whole-list run, then the rows as they were written.
    /// Returns the header record.
    /// </summary>
    private static string Write(string path, JsonElement header, int items, IReadOnlyList<BatchRow> rows)
    {
        var record = JsonText.Build(json =>
        {
            json.WriteStartObject();
            json.WriteStartObject(BatchOutputFile.HeaderKey);
            foreach (var property in header.EnumerateObject())
                if (property.Name == "shard")
                    json.WriteNull("shard");
                else if (property.Name == "rows_before")
                    json.WriteNumber("rows_before", 0);
                else
                    property.WriteTo(json);
            json.WriteEndObject();
            json.WriteEndObject();
        });
        try
        {
            string temporary = path + ".tmp";
            File.WriteAllLines(temporary, rows.Select(r => r.Json).Prepend(record));
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IqaException($"{path}: cannot write ({e.Message})", e);
        }
        return record;
    }

    /// <summary>The provenance of a header record, as <see cref="BatchRows.Read"/> gives it.</summary>
    private static JsonElement HeaderOf(string record)
    {
        using var doc = JsonDocument.Parse(record);
        return doc.RootElement.GetProperty(BatchOutputFile.HeaderKey).Clone();
    }

    private static string? Text(JsonElement header, string field) => header.TryGetProperty(field, out var v) ? v.ToString() : null;
}
