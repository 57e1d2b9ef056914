using System.Text.Json;
using Iqa.Gpu.Images;
using Iqa.Gpu.Pipelines;
using Iqa.Gpu.Tests.Cli;

namespace Iqa.Gpu.Tests.Library;

/// <summary>The library API: files, images in memory (strided, 8 and 10 bits), streams of pairs, typed results with provenance.</summary>
public sealed class IqaEngineTests : IDisposable
{
    private static readonly string Ref = TestPaths.Repo("samples", "astronaut_ref.png"), Dist = TestPaths.Repo("samples", "astronaut_jpeg20.png");
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Files_score_as_the_command_line_does_with_provenance()
    {
        using var engine = IqaEngine.Create(new EngineOptions { Metrics = ["ssim", "psnr", "gmsd"], Accelerator = "cpu" });
        var result = engine.Score(Ref, Dist);
        var cli = JsonDocument.Parse(CliRunner.Run("score", Ref, Dist, "-m", "ssim,psnr,gmsd", "-a", "cpu", "-f", "json").Output).RootElement;
        foreach (var name in new[] { "ssim", "psnr", "gmsd" })
            Assert.Equal(cli.GetProperty("scores").GetProperty(name).GetDouble(), result.Scores[name]);
        Assert.Equal("matlab", result.Provenance.Profile);
        Assert.Equal("cpu", result.Provenance.Accelerator);
        Assert.StartsWith("cpu (", result.Provenance.Device);
        Assert.Contains(new KeyValuePair<string, string>("color", "gray"), result.Provenance.Settings);
    }

    [Fact]
    public void Images_in_memory_with_a_row_stride_score_as_their_files()
    {
        using var engine = IqaEngine.Create(new EngineOptions { Metrics = ["ssim", "psnr"], Accelerator = "cpu" });
        var expected = engine.Score(Ref, Dist).Scores;
        var a = ImageDecoder.Decode(Ref);
        var b = ImageDecoder.Decode(Dist);
        var layout = new ImageLayout(a.Width, a.Height, a.Bands, RowStride: a.Width * a.Bands + 5);
        var actual = engine.Score(Strided(a.Bytes!, layout), Strided(b.Bytes!, layout), layout).Scores;
        Assert.Equal(expected["ssim"], actual["ssim"]);
        Assert.Equal(expected["psnr"], actual["psnr"]);
    }

    /// <summary>10-bit planes holding the 8-bit samples times 4, with L = 1020, score as the 8-bit planes with L = 255.</summary>
    [Fact]
    public void Ten_bit_planes_in_words()
    {
        var gray = ImageDecoder.Decode(Ref).ToPlanes(ColorMode.Gray, 1, 0)[0];
        var dist = ImageDecoder.Decode(Dist).ToPlanes(ColorMode.Gray, 1, 0)[0];
        byte[] g8 = [.. gray.Data.Select(v => (byte)v)], d8 = [.. dist.Data.Select(v => (byte)v)];
        ushort[] g10 = [.. g8.Select(v => (ushort)(v * 4))], d10 = [.. d8.Select(v => (ushort)(v * 4))];
        using var eight = IqaEngine.Create(new EngineOptions { Accelerator = "cpu" });
        using var ten = IqaEngine.Create(new EngineOptions { Accelerator = "cpu", DataRange = 1020 });
        var e = eight.Score(g8, d8, ImageLayout.Plane(gray.Width, gray.Height)).Scores;
        var t = ten.Score(g10, d10, ImageLayout.Plane(gray.Width, gray.Height, bitDepth: 10)).Scores;
        Assert.Equal(e["ssim"], t["ssim"], 1e-9);
        Assert.Equal(e["psnr"], t["psnr"], 1e-9);
    }

    [Fact]
    public void Bad_layouts_and_options_are_one_line_errors()
    {
        using var engine = IqaEngine.Create(new EngineOptions { Accelerator = "cpu" });
        Assert.Contains("needs 300 samples", Assert.Throws<IqaException>(() => engine.Score(new byte[299], new byte[300], new ImageLayout(10, 10, 3))).Message);
        Assert.Contains("channel count 5", Assert.Throws<IqaException>(() => engine.Score(new byte[500], new byte[500], new ImageLayout(10, 10, 5))).Message);
        Assert.Contains("bit depth 10", Assert.Throws<IqaException>(() => engine.Score(new byte[100], new byte[100], ImageLayout.Plane(10, 10, 10))).Message);
        var words = new ushort[121];
        words[7] = 1024;
        Assert.Contains("exceeds the 10-bit maximum 1023", Assert.Throws<IqaException>(() => engine.Score(words, new ushort[121], ImageLayout.Plane(11, 11, 10))).Message);
        Assert.Contains("unknown metric", Assert.Throws<IqaException>(() => IqaEngine.Create(new EngineOptions { Metrics = ["ssimm"] })).Message);
        Assert.Contains("ms_ssim.small", Assert.Throws<IqaException>(() => IqaEngine.Create(new EngineOptions
        {
            Metrics = ["ms_ssim"], MetricOptions = new Dictionary<string, string> { ["ms_ssim.small"] = "maybe" },
        })).Message);
    }

    [Fact]
    public async Task A_stream_of_pairs_yields_every_outcome_and_a_bad_item_does_not_stop_it()
    {
        string broken = _dir.Write("broken.png", [1, 2, 3]);
        using var engine = IqaEngine.Create(new EngineOptions { Accelerator = "cpu" });
        var outcomes = new List<BatchOutcome>();
        await foreach (var outcome in engine.ScoreAllAsync(Items([new(Ref, Dist, "a"), new(Ref, broken, "b"), new(Dist, Ref, "c")])))
            outcomes.Add(outcome);
        Assert.Equal(["a", "b", "c"], outcomes.Select(o => o.Item.Id).Order());
        Assert.Contains("broken.png", outcomes.Single(o => o.Item.Id == "b").Error);
        Assert.Equal(engine.Score(Ref, Dist).Scores["ssim"], outcomes.Single(o => o.Item.Id == "a").Scores!["ssim"]);

        // Leaving early ends the pipeline instead of blocking it.
        await foreach (var _ in engine.ScoreAllAsync(Items(Enumerable.Repeat(new BatchItem(Ref, Dist), 50))))
            break;
        Assert.Equal("cpu", engine.Score(Ref, Dist).Provenance.Accelerator); // the engine is free again
    }

    private static async IAsyncEnumerable<BatchItem> Items(IEnumerable<BatchItem> items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }

    private static byte[] Strided(byte[] packed, ImageLayout layout)
    {
        int row = layout.Width * layout.Channels;
        var strided = new byte[layout.Stride * layout.Height];
        for (int y = 0; y < layout.Height; y++)
            Array.Copy(packed, y * row, strided, y * layout.Stride, row);
        return strided;
    }

    public void Dispose() => _dir.Dispose();
}
