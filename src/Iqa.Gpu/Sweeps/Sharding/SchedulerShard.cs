using System.Globalization;

namespace Iqa.Gpu.Sweeps.Sharding;

/// <summary>
/// The shard a batch scheduler assigned to this process, from its environment:
/// <list type="bullet">
/// <item>Slurm job arrays (<c>sbatch --array=0-15</c>, also with a step <c>1-31:2</c> or a throttle <c>%4</c>):
/// index = (SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN) / SLURM_ARRAY_TASK_STEP (step 1 when unset), count =
/// SLURM_ARRAY_TASK_COUNT. The array must be an arithmetic range, checked with SLURM_ARRAY_TASK_MAX: a list such as
/// <c>--array=0,1,3</c> would leave a shard without a task.</item>
/// <item>Kubernetes Indexed Jobs: index = JOB_COMPLETION_INDEX, count = IQA_SHARD_COUNT (Kubernetes does not pass
/// the completion count to the pod; the manifest sets it equal to <c>spec.completions</c>).</item>
/// </list>
/// Neither present: null (the whole list, or the command line's <c>--shard</c>, which takes precedence). An
/// incomplete or inconsistent environment, or both schedulers at once, is an <see cref="IqaException"/> naming the
/// variables: a task that silently took the whole list would duplicate every other task's work.
/// </summary>
public static class SchedulerShard
{
    public static Shard? FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    public static Shard? FromEnvironment(Func<string, string?> variable)
    {
        var slurm = Slurm(variable);
        var kubernetes = Kubernetes(variable);
        if (slurm != null && kubernetes != null)
            throw new IqaException("both a Slurm array task (SLURM_ARRAY_TASK_ID) and a Kubernetes completion index " +
                                   "(JOB_COMPLETION_INDEX) are set: which shard is meant is unclear");
        return slurm ?? kubernetes;
    }

    private static Shard? Slurm(Func<string, string?> variable)
    {
        string[] required = ["SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX", "SLURM_ARRAY_TASK_COUNT"];
        var present = required.Where(v => variable(v) != null).ToList();
        if (present.Count == 0)
            return null;
        if (present.Count < required.Length)
            throw new IqaException($"incomplete Slurm array environment: {string.Join(", ", present)} set " +
                                   $"but not {string.Join(", ", required.Except(present))}");
        int id = Integer(variable, "SLURM_ARRAY_TASK_ID"), min = Integer(variable, "SLURM_ARRAY_TASK_MIN");
        int max = Integer(variable, "SLURM_ARRAY_TASK_MAX"), count = Integer(variable, "SLURM_ARRAY_TASK_COUNT");
        int step = variable("SLURM_ARRAY_TASK_STEP") == null ? 1 : Integer(variable, "SLURM_ARRAY_TASK_STEP");
        if (step < 1 || count < 1 || (max - min) % step != 0 || (max - min) / step + 1 != count)
            throw new IqaException($"the Slurm array is not a range min-max:step (SLURM_ARRAY_TASK_MIN={min}, MAX={max}, " +
                                   $"STEP={step}, COUNT={count}): use --array=0-{count - 1} so every shard has a task");
        if (id < min || id > max || (id - min) % step != 0)
            throw new IqaException($"SLURM_ARRAY_TASK_ID={id} is not in the array {min}-{max}:{step}");
        return new Shard((id - min) / step, count);
    }

    private static Shard? Kubernetes(Func<string, string?> variable)
    {
        string? index = variable("JOB_COMPLETION_INDEX"), count = variable("IQA_SHARD_COUNT");
        if (index == null && count == null)
            return null;
        if (index == null)
            throw new IqaException("IQA_SHARD_COUNT is set but JOB_COMPLETION_INDEX is not: " +
                                   "run as a Kubernetes Indexed Job (completionMode: Indexed)");
        if (count == null)
            throw new IqaException("JOB_COMPLETION_INDEX is set but IQA_SHARD_COUNT is not: " +
                                   "set it in the pod template to the Job's completions");
        int i = Integer(variable, "JOB_COMPLETION_INDEX"), n = Integer(variable, "IQA_SHARD_COUNT");
        if (n < 1 || i >= n)
            throw new IqaException($"JOB_COMPLETION_INDEX={i} with IQA_SHARD_COUNT={n}: the index must be below the count " +
                                   "(set IQA_SHARD_COUNT to the Job's completions)");
        return new Shard(i, n);
    }

    private static int Integer(Func<string, string?> variable, string name)
    {
        string text = variable(name)!;
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) && v >= 0 ? v
            : throw new IqaException($"{name}='{text}' is not a non-negative integer");
    }
}
