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
}
