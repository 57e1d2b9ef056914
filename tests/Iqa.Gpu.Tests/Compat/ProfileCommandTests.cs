using Iqa.Gpu.Tests.Cli;
using Iqa.Gpu.Tests.Video;
using Xunit.Abstractions;

namespace Iqa.Gpu.Tests.Compat;

/// <summary>
/// <c>--profile libvmaf</c> and <c>--profile ffmpeg</c> through <c>iqa video</c>: every frame's ssim, ms_ssim and psnr
/// (and the U, V planes for FFmpeg) equal what libvmaf 3.2.0 and FFmpeg 5.1 (C code) printed for the same clips, to the
/// digits they print (TestData/compat). On an ILGPU device the tools' computations run on the host, and outputs say so.
/// </summary>
[Collection(CompatClipsCollection.Name)]
public sealed class ProfileCommandTests(CompatClips clips, ITestOutputHelper output) : IDisposable
{
    private const double Printed = 5e-7 + 1e-12, PsnrPrinted = 5e-3 + 1e-9;
    private readonly TempDirectory _dir = new();

    public static TheoryData<string> Clips => new(CompatClips.Names);

    [FfmpegTheory]
    [MemberData(nameof(Clips))]
    public void Libvmaf_profile_matches_the_vmaf_tool(string clip)
    {
        var (result, log) = VideoCli.RunWithLog(_dir, "--ref", clips.File(clip, "ref"), "--dist", clips.File(clip, "dist"),
            "--profile", "libvmaf", "-m", "ssim,ms_ssim,psnr");
        using (log)
        {
            Assert.True(result.ExitCode == 0, result.Error);
            var expected = CompatReference.VmafFrames(clip);
            foreach (var (ours, theirs) in new[] { ("ssim", "float_ssim"), ("ms_ssim", "float_ms_ssim"), ("psnr", "psnr_y") })
            {
                var agreement = new Agreement(output, $"{clip} {ours} = {theirs}", Printed);
                var actual = VideoCli.FrameScores(log, ours);
                Assert.Equal(expected.Count, actual.Length);
                for (int f = 0; f < actual.Length; f++)
                    agreement.Add(expected[f][theirs], actual[f], $"frame {f}");
                agreement.Check();
            }
            Assert.Equal("libvmaf", log.RootElement.GetProperty("profile").GetString());
        }
    }

    [FfmpegTheory]
    [MemberData(nameof(Clips))]
    public void Ffmpeg_profile_matches_the_filters(string clip)
    {
        var (result, log) = VideoCli.RunWithLog(_dir, "--ref", clips.File(clip, "ref"), "--dist", clips.File(clip, "dist"),
            "--profile", "ffmpeg", "-m", "ssim,psnr", "--planes", "yuv");
        using (log)
        {
            Assert.True(result.ExitCode == 0, result.Error);
            var ssim = CompatReference.FfmpegStats(CompatReference.Ffmpeg($"{clip}.ssim_c.log"));
            var psnr = CompatReference.FfmpegStats(CompatReference.Ffmpeg($"{clip}.psnr.log"));
            foreach (var (ours, theirs, stats, tolerance) in new[]
                     {
                         ("ssim", "Y", ssim, Printed), ("ssim_u", "U", ssim, Printed), ("ssim_v", "V", ssim, Printed),
                         ("psnr", "psnr_y", psnr, PsnrPrinted), ("psnr_u", "psnr_u", psnr, PsnrPrinted), ("psnr_v", "psnr_v", psnr, PsnrPrinted),
                     })
            {
                var agreement = new Agreement(output, $"{clip} {ours} = {theirs}", tolerance);
                var actual = VideoCli.FrameScores(log, ours);
                Assert.Equal(stats.Count, actual.Length);
                for (int f = 0; f < actual.Length; f++)
                    agreement.Add(stats[f][theirs], actual[f], $"frame {f}");
                agreement.Check();
            }
        }
    }

    /// <summary>
    /// PNG pairs as FFmpeg reads them (rgb24 as gbrp planes): its ssim All and psnr average, run live with the C code
    /// (-cpuflags 0: the SSE4 row end of FFmpeg 5.1 reads stale memory for widths with (w/4) mod 4 = 2, such as 600).
    /// </summary>
    [FfmpegTheory]
    [InlineData("astronaut")]
    [InlineData("coffee")]
    public void Ffmpeg_profile_on_png_pairs_matches_the_filters(string name)
    {
        string reference = TestPaths.RefData("synthetic", $"{name}_ref.png"), distorted = TestPaths.RefData("synthetic", $"{name}_jpeg20.png");
        string ssimLog = _dir.File("ssim.log"), psnrLog = _dir.File("psnr.log");
        FfmpegFrameSourceTests.Ffmpeg("-cpuflags", "0", "-i", distorted, "-i", reference, "-lavfi",
            $"[0:v][1:v]ssim=stats_file={ssimLog};[0:v][1:v]psnr=stats_file={psnrLog}", "-f", "null", "-");
        var scores = System.Text.Json.JsonDocument.Parse(CliRunner.Run("score", reference, distorted, "--profile", "ffmpeg", "-f", "json").Output)
            .RootElement.GetProperty("scores");
        Assert.Equal(CompatReference.FfmpegStats(ssimLog)[0]["All"], scores.GetProperty("ssim").GetDouble(), Printed);
        Assert.Equal(CompatReference.FfmpegStats(psnrLog)[0]["psnr_avg"], scores.GetProperty("psnr").GetDouble(), PsnrPrinted);
    }

    /// <summary>On an ILGPU device the scores are the same (host code), and computed_on says where they ran.</summary>
    [FfmpegFact]
    public void Tool_profiles_on_an_ilgpu_device_run_on_the_host_and_say_so()
    {
        string[] args = ["video", "--ref", clips.File("s352_8", "ref"), "--dist", clips.File("s352_8", "dist"), "--profile", "libvmaf",
            "-m", "ssim,psnr", "-q", "-f", "json"];
        var cpu = System.Text.Json.JsonDocument.Parse(CliRunner.Run([.. args, "-a", "cpu"]).Output).RootElement;
        var ilgpu = System.Text.Json.JsonDocument.Parse(CliRunner.Run([.. args, "-a", "ilgpu-cpu"]).Output).RootElement;
        Assert.Equal(cpu.GetProperty("pooled_metrics").GetProperty("ssim").GetProperty("mean").GetDouble(),
            ilgpu.GetProperty("pooled_metrics").GetProperty("ssim").GetProperty("mean").GetDouble());
        Assert.Contains("libvmaf ssim, host code", ilgpu.GetProperty("computed_on").GetProperty("ssim").GetString());
        Assert.False(cpu.TryGetProperty("computed_on", out _));
    }

    [Theory]
    [InlineData("--profile ffmpeg -m ms_ssim", "FFmpeg computes no MS-SSIM")]
    [InlineData("--profile ffmpeg --downsample auto", "does not downsample")]
    [InlineData("--profile libvmaf --color rgb", "libvmaf reads one luma plane")]
    [InlineData("--profile libvmaf --color y", "y is not rounded")]
    [InlineData("--profile libvmaf --data-range 1000", "takes the peak from the bit depth")]
    [InlineData("--profile libvmaf --downsample 11", "scale option takes 1 to 10")]
    public void Options_the_tools_have_no_equivalent_for_are_refused(string options, string mention)
    {
        var r = CliRunner.Run(["score", TestPaths.Repo("samples", "astronaut_ref.png"), TestPaths.Repo("samples", "astronaut_jpeg20.png"), .. options.Split(' ')]);
        CliAssert.CleanFailure(r, mention);
        Assert.Equal(2, r.ExitCode);
    }

    public void Dispose() => _dir.Dispose();
}
