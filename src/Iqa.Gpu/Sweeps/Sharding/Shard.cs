using System.Globalization;

namespace Iqa.Gpu.Sweeps.Sharding;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> (written <c>i/n</c>, 0-based) of a sweep's item list.
/// <para>The partition: the items sorted by id (ordinal, so the same on every machine and culture), cut into
/// <see cref="Count"/> contiguous ranges, shard i taking positions [⌊iN/n⌋, ⌊(i+1)N/n⌋). Chosen over hashing the
/// ids because (1) shard sizes differ by at most one item, where hashing leaves a binomial spread that grows with
/// the item count and makes the largest shard the straggler; (2) neighbouring ids, which in every dataset name
/// the same reference image (I01_..., i01_..., A0001_...), land in the same shard, so a shard decodes each
/// reference once instead of once per shard; (3) a merge can check that the shards tile the sorted list exactly.
/// The partition depends only on the set of ids and n: the same on every machine, run and scheduler.</para>
/// </summary>
public readonly record struct Shard
{
    public Shard(int index, int count)
    {
        if (count < 1)
            throw new IqaException($"shard count {count}: there must be at least one shard");
        if (index < 0 || index >= count)
            throw new IqaException($"shard {index}/{count}: the index must be in 0..{count - 1}");
        Index = index;
        Count = count;
    }

    public int Index { get; }

    public int Count { get; }

    /// <summary>Parses <c>i/n</c> (as <c>--shard 3/16</c> gives it).</summary>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            return new Shard(i, n);
        throw new IqaException($"shard '{text}': expected i/n, e.g. 0/16 (0-based index, then the shard count)");
    }

    /// <summary>Positions [Start, End) of this shard in the sorted list of <paramref name="itemCount"/> items.</summary>
    public (int Start, int End) Range(int itemCount) =>
        ((int)((long)Index * itemCount / Count), (int)((long)(Index + 1) * itemCount / Count));

    /// <summary>This shard's items, in id order. Ids must be unique.</summary>
    public IReadOnlyList<T> Select<T>(IReadOnlyList<T> items, Func<T, string> id)
    {
        var sorted = items.OrderBy(id, StringComparer.Ordinal).ToList();
        for (int k = 1; k < sorted.Count; k++)
            if (string.Equals(id(sorted[k]), id(sorted[k - 1]), StringComparison.Ordinal))
                throw new IqaException($"item id '{id(sorted[k])}' appears more than once: shards need unique ids");
        var (start, end) = Range(sorted.Count);
        return sorted.GetRange(start, end - start);
    }

    public override string ToString() => $"{Index}/{Count}";
}
