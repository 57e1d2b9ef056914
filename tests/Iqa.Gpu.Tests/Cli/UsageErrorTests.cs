namespace Iqa.Gpu.Tests.Cli;

/// <summary>
/// A bad command line is a usage error: exit 1, one line on stderr naming the option and what it accepts, nothing on
/// stdout (so no help text lands in a redirected result), no .NET type names; values are bounded at parse time.
/// </summary>
public sealed class UsageErrorTests
{
    private static readonly string Ref = TestPaths.Repo("samples", "astronaut_ref.png"), Dist = TestPaths.Repo("samples", "astronaut_jpeg20.png");

    [Theory]
    [InlineData("--bogus", "--bogus")]
    [InlineData("--data-range abc", "data range 'abc'")]
    [InlineData("--data-range 1e30", "from 1 to 2^32")]
    [InlineData("--data-range 1e-30", "from 1 to 2^32")]
    [InlineData("--data-range 1e-300", "from 1 to 2^32")]
    [InlineData("--data-range nan", "from 1 to 2^32")]
    [InlineData("--data-range -inf", "from 1 to 2^32")]
    [InlineData("--max-pixels 0", "--max-pixels '0'")]
    [InlineData("--max-pixels 99999999999", "--max-pixels '99999999999'")]
    [InlineData("--format xml", "format 'xml'")]
    [InlineData("--color purple", "colour mode 'purple'")]
    [InlineData("--downsample 0", "downsample '0'")]
    [InlineData("--profile nope", "profile 'nope'")]
    [InlineData("--metric ssimm", "unknown metric 'ssimm'")]
    [InlineData("--accelerator cuda:x", "accelerator 'cuda:x'")]
    [InlineData("--accelerator tpu", "accelerator 'tpu'")]
    [InlineData("--set nodot", "--set 'nodot'")]
    public void Score_options(string options, string mention) =>
        AssertUsageError(CliRunner.Run(["score", Ref, Dist, .. options.Split(' ')]), mention);

    [Theory]
    [InlineData("--threads 0", "--threads '0'")]
    [InlineData("--threads -3", "--threads '-3'")]
    [InlineData("--threads 100000", "--threads '100000'")]
    [InlineData("--threads x", "--threads 'x'")]
    public void Batch_options(string options, string mention) =>
        AssertUsageError(CliRunner.Run(["batch", "--dir", ".", "-m", "niqe", .. options.Split(' ')]), mention);

    [Theory]
    [InlineData("--frames 0", "--frames '0'")]
    [InlineData("--ref-skip -1", "--ref-skip '-1'")]
    [InlineData("--planes rgb", "planes 'rgb'")]
    [InlineData("", "--ref")]
    public void Video_options(string options, string mention) =>
        AssertUsageError(CliRunner.Run(["video", "--dist", "d.y4m", .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries), .. options.Length > 0 ? new[] { "--ref", "r.y4m" } : []]), mention);

    [Fact]
    public void No_command_is_a_usage_error_and_help_goes_to_stdout_only_when_asked()
    {
        AssertUsageError(CliRunner.Run(), "command");
        var help = CliRunner.Run("score", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--data-range", help.Output);
        Assert.Equal("", help.Error);
    }

    private static void AssertUsageError(CliRunner.Result r, string mention)
    {
        CliAssert.CleanFailure(r, mention);
        Assert.Equal(1, r.ExitCode);
        Assert.DoesNotContain("System.", r.Error);
        Assert.Contains("--help", r.Error);
    }
}
