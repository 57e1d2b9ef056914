using Iqa.Gpu.Sweeps.Sharding;

namespace Iqa.Gpu.Tests.Sweeps.Sharding;

public class ShardTests
{
    private static readonly string[] Ids = Enumerable.Range(0, 103).Select(i => $"I{i % 7:D2}_{i:D3}").Reverse().ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(16)]
    [InlineData(103)]
    [InlineData(150)]
    public void Shards_tile_the_sorted_ids_exactly_once_with_sizes_within_one(int count)
    {
        var shards = Enumerable.Range(0, count).Select(i => new Shard(i, count).Select(Ids, id => id)).ToList();
        Assert.Equal(Ids.Order(StringComparer.Ordinal), shards.SelectMany(s => s));
        Assert.InRange(shards.Max(s => s.Count) - shards.Min(s => s.Count), 0, 1);
    }

    [Fact]
    public void Partition_does_not_depend_on_input_order()
    {
        var shuffled = Ids.OrderBy(id => id.GetHashCode(StringComparison.Ordinal) ^ 12345).ToArray();
        Assert.Equal(new Shard(2, 5).Select(Ids, id => id), new Shard(2, 5).Select(shuffled, id => id));
        // Contiguous in the sorted order: fixed figures for 103 items in 4 shards.
        Assert.Equal((0, 25), new Shard(0, 4).Range(103));
        Assert.Equal((77, 103), new Shard(3, 4).Range(103));
    }

    [Theory]
    [InlineData("3/16", 3, 16)]
    [InlineData("0/1", 0, 1)]
    public void Parses_i_of_n(string text, int index, int count) => Assert.Equal(new Shard(index, count), Shard.Parse(text));

    [Theory]
    [InlineData("16/16", "shard 16/16: the index must be in 0..15")]
    [InlineData("0/0", "shard count 0: there must be at least one shard")]
    [InlineData("-1/4", "shard '-1/4': expected i/n, e.g. 0/16 (0-based index, then the shard count)")]
    [InlineData("3", "shard '3': expected i/n, e.g. 0/16 (0-based index, then the shard count)")]
    [InlineData("a/b", "shard 'a/b': expected i/n, e.g. 0/16 (0-based index, then the shard count)")]
    public void Refuses_bad_specs(string text, string message) => Assert.Equal(message, Assert.Throws<IqaException>(() => Shard.Parse(text)).Message);

    [Fact]
    public void Refuses_duplicate_ids() =>
        Assert.Equal("item id 'a' appears more than once: shards need unique ids",
            Assert.Throws<IqaException>(() => new Shard(0, 2).Select(["b", "a", "a"], id => id)).Message);
}
