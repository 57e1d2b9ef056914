using Iqa.Gpu.Tests.Video;

namespace Iqa.Gpu.Tests.Package;

/// <summary>
/// scripts/gpu-checks/compare-scores.awk on crafted score files: the tolerances (SSIM and MS-SSIM 1e-5 absolute,
/// PSNR 1e-4 dB, NIQE 1e-9 relative), infinite PSNR, rows joined by key in any order, and the failures that must
/// not pass as agreement (a missing row, an error row).
/// </summary>
public sealed class CompareScoresTests : IDisposable
{
    private const string Header = "ref,dist,ssim,psnr,ms_ssim,ms_ssim_scales,error";
    private readonly TempDirectory _folder = new();

    private Dictionary<string, IReadOnlyDictionary<string, string>> Compare(string[] gpu, string[] cpu, string keys = "ref,dist")
    {
        File.WriteAllLines(_folder.File("gpu.csv"), gpu);
        File.WriteAllLines(_folder.File("cpu.csv"), cpu);
        var result = ShellCommand.Run(_folder.File("agreement.body"), TimeSpan.FromMinutes(1), null, "awk", "-v", "check=t", "-v", $"keys={keys}",
            "-f", TestPaths.Repo("scripts", "gpu-checks", "compare-scores.awk"), _folder.File("gpu.csv"), _folder.File("cpu.csv"));
        Assert.True(result.ExitCode == 0, result.Output);
        File.WriteAllText(_folder.File("agreement.csv"), "check,column,rows,max_abs_diff,max_rel_diff,tolerance,tolerance_kind,status\n" + result.Output);
        return CsvTable.Read(_folder.File("agreement.csv")).ToDictionary(r => r["column"]);
    }

    [Fact]
    public void Differences_within_the_tolerances_pass_and_beyond_them_fail()
    {
        var rows = Compare(
            [Header, "a,b,0.9,30.5,0.95,,", "c,d,0.8,inf,0.96,,", "e,f,0.7,31,0.97,,"],
            [Header, "e,f,0.7,31,0.97,,", "a,b,0.900009,30.50009,0.95002,,", "c,d,0.8,inf,0.96,,"]);
        Assert.Equal(["ssim", "psnr", "ms_ssim"], rows.Keys); // ms_ssim_scales: empty everywhere, not reported
        Assert.Equal(("3", "9e-06", "pass"), (rows["ssim"]["rows"], rows["ssim"]["max_abs_diff"], rows["ssim"]["status"]));
        Assert.Equal(("9e-05", "pass"), (rows["psnr"]["max_abs_diff"], rows["psnr"]["status"]));
        Assert.Equal(("2e-05", "fail"), (rows["ms_ssim"]["max_abs_diff"], rows["ms_ssim"]["status"]));
    }

    [Fact]
    public void Niqe_is_held_to_a_relative_tolerance()
    {
        string[] cpu = ["image,niqe,error", "x,20,", "y,10,"];
        Assert.Equal("pass", Compare(["image,niqe,error", "x,20.00000001,", "y,10,"], cpu, "image")["niqe"]["status"]);
        var rows = Compare(["image,niqe,error", "x,20,", "y,10.00000002,"], cpu, "image");
        Assert.Equal(("2e-09", "fail"), (rows["niqe"]["max_rel_diff"], rows["niqe"]["status"]));
    }

    [Fact]
    public void Infinite_psnr_agrees_only_with_infinite_psnr()
    {
        var rows = Compare([Header, "a,b,1,inf,1,,"], [Header, "a,b,1,99.5,1,,"]);
        Assert.Equal(("inf", "fail"), (rows["psnr"]["max_abs_diff"], rows["psnr"]["status"]));
        Assert.Equal("pass", rows["ssim"]["status"]);
    }

    [Fact]
    public void A_missing_row_or_an_error_row_fails_every_column()
    {
        var missing = Compare([Header, "a,b,0.9,30,0.95,,"], [Header, "a,b,0.9,30,0.95,,", "c,d,0.8,31,0.96,,"]);
        Assert.All(missing.Values, r => Assert.Equal("fail", r["status"]));
        var failed = Compare([Header, "a,b,0.9,30,0.95,,", "c,d,,,,,\"c: cannot decode\""], [Header, "a,b,0.9,30,0.95,,", "c,d,0.8,31,0.96,,"]);
        Assert.All(failed.Values, r => Assert.Equal("fail", r["status"]));
    }

    public void Dispose() => _folder.Dispose();
}
