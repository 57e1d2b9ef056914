using System.Globalization;
using System.Text;
using System.Text.Json;
using Iqa.Gpu.Tests.Batch;
using Iqa.Gpu.Tests.Cli;

namespace Iqa.Gpu.Tests.Sweeps;

/// <summary>
/// <c>iqa sweep</c> and <c>iqa merge</c> on a generated dataset (6 references x 4 noise levels, a CSV score file): the
/// outputs, and a sweep split into shards merged back to the single-process result to the last bit (through a real Slurm
/// job array in <see cref="Sharding.SlurmArrayTests"/>); merges of incomplete or mismatched shards refused; batch shards merged.
/// </summary>
public sealed class SweepCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void A_sweep_writes_scores_results_plots_and_a_table()
    {
        string root = GeneratedSweep.Dataset(_dir), output = _dir.File("whole");
        var r = GeneratedSweep.Run(root, output);
        Assert.True(r.ExitCode == 0, r.Error);
        foreach (string file in new[] { "scores.jsonl", "sweep.json", "results.json", "ssim.png", "psnr.png" })
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        Assert.False(File.Exists(Path.Combine(output, "scores.partial.jsonl")));
        Assert.Equal(24, BatchOutput.Rows(Path.Combine(output, "scores.jsonl")).Count);
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
        Assert.Equal(24, results.RootElement.GetProperty("items").GetInt32());
        Assert.Contains("SRCC", r.Output);
        // MOS falls with the noise level, and so do SSIM and PSNR: strongly positive rank correlations.
        foreach (var metric in results.RootElement.GetProperty("metrics").EnumerateArray())
            Assert.True(metric.GetProperty("raw").GetProperty("srcc").GetProperty("value").GetDouble() > 0.8, metric.ToString());
    }

    [Fact]
    public void Shards_merge_to_the_single_process_result_to_the_last_bit()
    {
        string root = GeneratedSweep.Dataset(_dir), whole = _dir.File("whole");
        Assert.Equal(0, GeneratedSweep.Run(root, whole).ExitCode);
        var shards = Enumerable.Range(0, 3).Select(i => _dir.File($"shard{i}")).ToArray();
        for (int i = 0; i < 3; i++)
        {
            var shard = GeneratedSweep.Run(root, shards[i], "--shard", $"{i}/3");
            Assert.True(shard.ExitCode == 0, shard.Error);
            Assert.False(File.Exists(Path.Combine(shards[i], "results.json")));
        }
        string merged = _dir.File("merged");
        var merge = CliRunner.Run(["merge", merged, .. shards, "--bootstrap", "200"]);
        Assert.True(merge.ExitCode == 0, merge.Error);
        GeneratedSweep.AssertSameResults(whole, merged);
    }

    [Fact]
    public void Merges_of_shards_that_do_not_belong_together_are_refused()
    {
        string root = GeneratedSweep.Dataset(_dir);
        var shards = Enumerable.Range(0, 2).Select(i => _dir.File($"s{i}")).ToArray();
        for (int i = 0; i < 2; i++)
            Assert.Equal(0, GeneratedSweep.Run(root, shards[i], "--shard", $"{i}/2").ExitCode);
        string other = _dir.File("other");
        Assert.Equal(0, GeneratedSweep.Run(root, other, "--shard", "1/2", "--profile", "pyiqa").ExitCode);
        string target = _dir.File("m");
        CliAssert.CleanFailure(CliRunner.Run("merge", target, shards[0]), "missing shard(s) 1/2");
        CliAssert.CleanFailure(CliRunner.Run("merge", target, shards[0], shards[0], shards[1]), "shard 0/2 is given twice");
        CliAssert.CleanFailure(CliRunner.Run("merge", target, shards[0], other), "profile");

        // A shard missing a row (a run killed before it finished writing) is named, with what to do.
        string scores = Path.Combine(shards[1], "scores.jsonl");
        File.WriteAllLines(scores, File.ReadAllLines(scores)[..^1]);
        CliAssert.CleanFailure(CliRunner.Run("merge", target, shards[0], shards[1]), "have no row", "resume that shard");
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public void A_shard_resumes_and_refuses_another_shard_in_its_file()
    {
        string root = GeneratedSweep.Dataset(_dir), output = _dir.File("s");
        Assert.Equal(0, GeneratedSweep.Run(root, output, "--shard", "0/2").ExitCode);
        var again = CliRunner.Run(["sweep", "--dataset", "csv", "--root", root, "--out", output, "-m", "ssim,psnr", "-a", "cpu",
            "--shard", "0/2", "--resume"]);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("12 already done", again.Error);
        CliAssert.CleanFailure(GeneratedSweep.Run(root, output, "--shard", "1/2", "--resume"), "shard 0/2", "resume with the same list and shard");
    }

    [Fact]
    public void Batch_shards_merge_into_one_file()
    {
        string root = GeneratedSweep.Dataset(_dir), pairs = Path.Combine(root, "scores.csv"), whole = _dir.File("whole.jsonl");
        Assert.Equal(0, CliRunner.Run("batch", "--pairs", pairs, "--out", whole, "-a", "cpu", "-q").ExitCode);
        var parts = Enumerable.Range(0, 4).Select(i => _dir.File($"part{i}.jsonl")).ToArray();
        for (int i = 0; i < 4; i++)
            Assert.Equal(0, CliRunner.Run("batch", "--pairs", pairs, "--out", parts[i], "-a", "cpu", "-q", "--shard", $"{i}/4").ExitCode);
        string merged = _dir.File("merged.jsonl");
        Assert.Equal(0, CliRunner.Run(["merge", merged, .. parts]).ExitCode);
        Assert.Equal(GeneratedSweep.Rows(whole), GeneratedSweep.Rows(merged));
        Assert.Equal(JsonValueKind.Null, Assert.Single(BatchOutput.Headers(merged)).GetProperty("shard").ValueKind);
    }

    public void Dispose() => _dir.Dispose();
}
