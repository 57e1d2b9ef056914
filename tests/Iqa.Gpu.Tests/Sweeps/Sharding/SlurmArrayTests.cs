using System.Runtime.Versioning;
using Iqa.Gpu.Sweeps.Sharding;

namespace Iqa.Gpu.Tests.Sweeps.Sharding;

/// <summary>A real Slurm job array (local one-node cluster): its tasks' environments map to the shards of the array.</summary>
[SupportedOSPlatform("linux")]
public class SlurmArrayTests(SlurmCluster cluster) : IClassFixture<SlurmCluster>
{
    [SlurmFact]
    public void Array_tasks_0_to_3_are_shards_0_to_3_of_4()
    {
        using var temp = new TempDirectory();
        string job = cluster.SubmitArray("#!/bin/sh\nenv | grep '^SLURM_ARRAY_' > \"task_${SLURM_ARRAY_TASK_ID}.env\"\n", "0-3", temp.Path);
        cluster.WaitUntilDone(job, TimeSpan.FromSeconds(120));
        for (int task = 0; task < 4; task++)
        {
            string file = temp.File($"task_{task}.env");
            Assert.True(File.Exists(file), $"array task {task} of job {job} wrote no environment");
            var env = File.ReadAllLines(file).Select(l => l.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
            Assert.Equal(new Shard(task, 4), SchedulerShard.FromEnvironment(env.GetValueOrDefault));
        }
    }

    /// <summary>The sweep submitted to a real one-node Slurm cluster as a 3-task job array, merged, equals the single-process run.</summary>
    [SlurmFact]
    public void A_slurm_job_array_sweeps_the_shards_and_merges_to_the_single_process_result()
    {
        using var dir = new TempDirectory();
        string root = GeneratedSweep.Dataset(dir), whole = dir.File("whole");
        Assert.Equal(0, GeneratedSweep.Run(root, whole).ExitCode);
        string iqa = Path.Combine(AppContext.BaseDirectory, "iqa.dll");
        string script = $"""
            #!/bin/sh
            exec dotnet '{iqa}' sweep --dataset csv --root '{root}' --out "shard-$SLURM_ARRAY_TASK_ID" -m ssim,psnr -a cpu -q --bootstrap 200
            """;
        string job = cluster.SubmitArray(script, "0-2", dir.Path);
        cluster.WaitUntilDone(job, TimeSpan.FromMinutes(5));
        var shards = Enumerable.Range(0, 3).Select(i => dir.File($"shard-{i}")).ToArray();
        foreach (string shard in shards)
            Assert.True(File.Exists(Path.Combine(shard, "sweep.json")), $"array job {job} left {shard} unfinished");
        string merged = dir.File("merged");
        var merge = Cli.CliRunner.Run(["merge", merged, .. shards, "--bootstrap", "200"]);
        Assert.True(merge.ExitCode == 0, merge.Error);
        GeneratedSweep.AssertSameResults(whole, merged);
    }
}
