using Iqa.Gpu.Sweeps.Sharding;

namespace Iqa.Gpu.Tests.Sweeps.Sharding;

public class SchedulerShardTests
{
    private static Shard? Read(params (string Name, string Value)[] variables)
    {
        var env = variables.ToDictionary(v => v.Name, v => v.Value);
        return SchedulerShard.FromEnvironment(name => env.GetValueOrDefault(name));
    }

    private static string Error(params (string, string)[] variables) => Assert.Throws<IqaException>(() => Read(variables)).Message;

    [Fact]
    public void No_scheduler_no_shard() => Assert.Null(Read(("SLURM_JOB_ID", "17")));

    [Fact]
    public void Slurm_array_task_relative_to_its_minimum()
    {
        Assert.Equal(new Shard(2, 4), Read(("SLURM_ARRAY_TASK_ID", "7"), ("SLURM_ARRAY_TASK_MIN", "5"), ("SLURM_ARRAY_TASK_MAX", "8"), ("SLURM_ARRAY_TASK_COUNT", "4")));
        // --array=1-15:2 (8 tasks): task 5 is the third.
        Assert.Equal(new Shard(2, 8), Read(("SLURM_ARRAY_TASK_ID", "5"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_MAX", "15"),
            ("SLURM_ARRAY_TASK_COUNT", "8"), ("SLURM_ARRAY_TASK_STEP", "2")));
    }

    [Fact]
    public void Kubernetes_indexed_job()
    {
        Assert.Equal(new Shard(9, 10), Read(("JOB_COMPLETION_INDEX", "9"), ("IQA_SHARD_COUNT", "10")));
    }

    [Fact]
    public void Incomplete_or_inconsistent_environments_are_errors()
    {
        Assert.Equal("incomplete Slurm array environment: SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN set but not SLURM_ARRAY_TASK_MAX, SLURM_ARRAY_TASK_COUNT",
            Error(("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_MIN", "0")));
        Assert.StartsWith("the Slurm array is not a range min-max:step (SLURM_ARRAY_TASK_MIN=0, MAX=3, STEP=1, COUNT=3)",
            Error(("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_MAX", "3"), ("SLURM_ARRAY_TASK_COUNT", "3")));
        Assert.Equal("SLURM_ARRAY_TASK_ID='x' is not a non-negative integer",
            Error(("SLURM_ARRAY_TASK_ID", "x"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_MAX", "3"), ("SLURM_ARRAY_TASK_COUNT", "4")));
        Assert.Equal("JOB_COMPLETION_INDEX is set but IQA_SHARD_COUNT is not: set it in the pod template to the Job's completions",
            Error(("JOB_COMPLETION_INDEX", "0")));
        Assert.Equal("IQA_SHARD_COUNT is set but JOB_COMPLETION_INDEX is not: run as a Kubernetes Indexed Job (completionMode: Indexed)",
            Error(("IQA_SHARD_COUNT", "4")));
        Assert.StartsWith("JOB_COMPLETION_INDEX=4 with IQA_SHARD_COUNT=4: the index must be below the count",
            Error(("JOB_COMPLETION_INDEX", "4"), ("IQA_SHARD_COUNT", "4")));
        Assert.StartsWith("both a Slurm array task",
            Error(("JOB_COMPLETION_INDEX", "0"), ("IQA_SHARD_COUNT", "2"), ("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_ARRAY_TASK_MIN", "0"),
                ("SLURM_ARRAY_TASK_MAX", "1"), ("SLURM_ARRAY_TASK_COUNT", "2")));
    }
}
