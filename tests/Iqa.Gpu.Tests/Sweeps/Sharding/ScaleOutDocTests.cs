using System.Text.RegularExpressions;
using Iqa.Gpu.Sweeps.Sharding;
using YamlDotNet.RepresentationModel;

namespace Iqa.Gpu.Tests.Sweeps.Sharding;

/// <summary>The scheduler examples in docs/scale-out.md: they must describe a consistent sharded run.</summary>
public partial class ScaleOutDocTests
{
    private static string Block(string language)
    {
        string doc = File.ReadAllText(TestPaths.Repo("docs", "scale-out.md"));
        var match = Regex.Match(doc, "```" + language + "\n(.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, $"docs/scale-out.md has no ```{language} block");
        return match.Groups[1].Value;
    }

    [Fact]
    public void Kubernetes_manifest_is_an_indexed_job_whose_shard_count_is_its_completions()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(Block("yaml")));
        var job = (YamlMappingNode)yaml.Documents.Single().RootNode;
        Assert.Equal("Job", Scalar(job, "kind"));
        var spec = (YamlMappingNode)job["spec"];
        Assert.Equal("Indexed", Scalar(spec, "completionMode"));
        int completions = int.Parse(Scalar(spec, "completions")), parallelism = int.Parse(Scalar(spec, "parallelism"));
        Assert.InRange(parallelism, 1, completions);
        var container = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)spec["template"])["spec"])["containers"]).Single();
        var env = ((YamlSequenceNode)container["env"]).Cast<YamlMappingNode>().ToDictionary(e => Scalar(e, "name"), e => Scalar(e, "value"));
        Assert.Equal(completions.ToString(), env["IQA_SHARD_COUNT"]);
        Assert.Equal("1", Scalar((YamlMappingNode)((YamlMappingNode)container["resources"])["limits"], "nvidia.com/gpu"));
        // The last pod's environment is a valid shard of the run.
        var pod = new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = (completions - 1).ToString(), ["IQA_SHARD_COUNT"] = env["IQA_SHARD_COUNT"] };
        Assert.Equal(new Shard(completions - 1, completions), SchedulerShard.FromEnvironment(pod.GetValueOrDefault));
    }

    [Fact]
    public void Slurm_script_asks_one_gpu_per_task_of_a_zero_based_range()
    {
        string script = Block("bash");
        Assert.Contains("#SBATCH --gres=gpu:1\n", script);
        var array = ArraySpec().Match(script);
        Assert.True(array.Success, "no #SBATCH --array=0-N line");
        int last = int.Parse(array.Groups[1].Value);
        var task = new Dictionary<string, string>
        {
            ["SLURM_ARRAY_TASK_ID"] = last.ToString(), ["SLURM_ARRAY_TASK_MIN"] = "0", ["SLURM_ARRAY_TASK_MAX"] = last.ToString(),
            ["SLURM_ARRAY_TASK_COUNT"] = (last + 1).ToString(), ["SLURM_ARRAY_TASK_STEP"] = "1",
        };
        Assert.Equal(new Shard(last, last + 1), SchedulerShard.FromEnvironment(task.GetValueOrDefault));
    }

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    [GeneratedRegex(@"#SBATCH --array=0-(\d+)(%\d+)?\n")]
    private static partial Regex ArraySpec();
}
