namespace Iqa.Gpu.Tests.Package;

/// <summary>
/// scripts/gpu-package.sh and the package's entry script, run here as on a GPU host with nothing installed, the
/// cpu backend standing in for the GPU (docs/gpu-package.md). The comparison itself is tested on crafted score
/// files in <see cref="CompareScoresTests"/>, since cpu against cpu agrees exactly.
/// </summary>
public sealed class GpuPackageTests(PackageRun run) : IClassFixture<PackageRun>
{
    private static readonly string[] Checks =
        ["video_default", "video_nodownsample", "video_ms_ssim", "video_niqe", "batch_fr", "batch_niqe",
         "score_ssim", "score_psnr", "score_ms_ssim", "score_niqe"];

    private string Bin(params string[] parts) => Path.Combine([run.Package, "bin", .. parts]);

    [Fact]
    public void Package_is_one_archive_of_at_most_50_MB()
    {
        run.AssertRan();
        Assert.InRange(new FileInfo(run.Archive).Length, 1, 50_000_000);
    }

    [Fact]
    public void Package_is_self_contained_without_onnx_runtime_models_or_symbols()
    {
        run.AssertRan();
        Assert.Contains("\"includedFrameworks\"", File.ReadAllText(Bin("iqa.runtimeconfig.json")));
        Assert.True(File.Exists(Bin("libcoreclr.so")), "the .NET runtime is not in the package");
        Assert.False(File.Exists(Bin("libonnxruntime.so")), "ONNX Runtime's native library is in the package");
        Assert.False(Directory.Exists(Bin("models")), "the LPIPS models are in the package");
        Assert.Empty(Directory.GetFiles(run.Package, "*.pdb", SearchOption.AllDirectories));
        foreach (string file in new[] { "run-gpu-checks.sh", "compare-scores.awk", "README.md", "MANIFEST.txt" })
            Assert.True(File.Exists(Path.Combine(run.Package, file)), $"{file} is missing from the package");
    }

    [Fact]
    public void Checks_pass_on_cpu_in_an_empty_environment()
    {
        run.AssertRan();
        Assert.True(run.Checks!.ExitCode == 0, $"run-gpu-checks.sh exited with {run.Checks.ExitCode}:\n{run.Checks.Output}");
        string summary = File.ReadAllText(Path.Combine(run.Output, "summary.json"));
        Assert.Contains("\"verdict\":\"pass\"", summary);
        Assert.Contains("\"accelerator\":\"cpu\"", summary);
    }

    [Fact]
    public void Every_step_ran_with_its_exit_code_recorded()
    {
        run.AssertRan();
        var steps = CsvTable.Read(Path.Combine(run.Output, "steps.csv")).ToDictionary(s => s["step"]);
        string[] expected = ["version", "devices", "generate", .. Checks.SelectMany(c => new[] { $"{c}.gpu", $"{c}.cpu" })];
        foreach (string step in expected)
        {
            Assert.True(steps.TryGetValue(step, out var row), $"step {step} is missing from steps.csv");
            Assert.Equal(("0", "ok"), (row!["exit_code"], row["status"]));
        }
        Assert.Equal(("2", "2", "ok"), (steps["lpips-refused"]["exit_code"], steps["lpips-refused"]["expected"], steps["lpips-refused"]["status"]));
        Assert.Equal("skipped", steps["bench"]["status"]);
        Assert.True(File.Exists(Path.Combine(run.Output, "steps.json")));
    }

    [Fact]
    public void Every_score_column_of_every_check_is_compared()
    {
        run.AssertRan();
        var rows = CsvTable.Read(Path.Combine(run.Output, "agreement.csv"));
        Assert.Equal(Checks.Order(), rows.Select(r => r["check"]).Distinct().Order());
        Assert.All(rows, r => Assert.Equal("pass", r["status"]));
        Assert.Equal(["ssim", "psnr", "ssim_u", "psnr_u", "ssim_v", "psnr_v"], rows.Where(r => r["check"] == "video_default").Select(r => r["column"]));
        Assert.All(rows.Where(r => r["check"].StartsWith("video_")), r => Assert.Equal("6", r["rows"]));
        Assert.All(rows.Where(r => r["check"].StartsWith("batch_")), r => Assert.Equal("2", r["rows"]));
        Assert.True(File.Exists(Path.Combine(run.Output, "agreement.json")));
    }

    [Fact]
    public void Lpips_is_refused_in_one_line()
    {
        run.AssertRan();
        string error = File.ReadAllText(Path.Combine(run.Output, "logs", "lpips-refused.err")).TrimEnd();
        Assert.DoesNotContain('\n', error);
        Assert.StartsWith("iqa: ", error);
        Assert.Contains("bundled lpips model is missing", error);
    }

    /// <summary>With a model of its own, LPIPS reaches ONNX Runtime, whose native library the package leaves out.</summary>
    [Fact]
    public void A_user_model_is_refused_in_one_line_without_onnx_runtime()
    {
        run.AssertRan();
        var result = run.Bare(run.Scratch("user-model.log"), Bin("iqa"), "score",
            TestPaths.Repo("samples", "astronaut_ref.png"), TestPaths.Repo("samples", "astronaut_jpeg20.png"),
            "-m", "lpips", "--set", $"lpips.model={TestPaths.Repo("models", "lpips", "lpips_alex_v0.1.onnx")}");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("iqa: lpips needs ONNX Runtime's native library (libonnxruntime), which this installation lacks", result.Output.TrimEnd());
    }
}
