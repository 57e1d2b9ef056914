using System.CommandLine;
using Iqa.Gpu.Pipelines;
using Iqa.Gpu.Sweeps;
using Iqa.Gpu.Sweeps.Sharding;

namespace Iqa.Cli.Commands;

/// <summary>
/// <c>--shard i/n</c> of <c>batch</c> and <c>sweep</c>: a deterministic part of the item list (docs/scale-out.md). Without
/// it the scheduler's environment decides (Slurm job arrays, Kubernetes Indexed Jobs); with neither, the whole list.
/// </summary>
public static class ShardOption
{
    public static Option<Shard?> Create() => OptionParsing.Create<Shard?>("--shard",
        "Score shard i of n (0-based) of the items, e.g. 3/16; default: the Slurm array task or Kubernetes completion index, if any",
        text => Shard.Parse(text));

    /// <summary>The shard to score: the option's, else the scheduler's, else null.</summary>
    public static Shard? Resolve(ParseResult parse, Option<Shard?> option) => parse.GetValue(option) ?? SchedulerShard.FromEnvironment();

    /// <summary>A batch item's id for sharding: its own id, else its paths as listed.</summary>
    public static string Id(BatchItem item) => item.Id ?? (item.Reference is null ? item.Image : $"{item.Reference}|{item.Image}");

    /// <summary>The items of <paramref name="shard"/> (all with none) and the scope a batch output records.</summary>
    public static (IReadOnlyList<BatchItem> Items, Cli.Output.BatchScope Scope) Select(IReadOnlyList<BatchItem> items, Shard? shard) =>
        (shard is { } s ? s.Select(items, Id) : items,
            new Cli.Output.BatchScope(items.Count, SweepManifest.ItemListSha256(items.Select(Id)), shard));
}
