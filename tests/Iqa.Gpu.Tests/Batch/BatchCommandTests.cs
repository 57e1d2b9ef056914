using System.Diagnostics;
using System.Text.Json;
using Iqa.Gpu.Pipelines;
using Iqa.Gpu.Tests.Cli;

namespace Iqa.Gpu.Tests.Batch;

/// <summary><c>iqa batch</c> over generated folders: matching, output shapes, error rows, exit codes, resume.</summary>
public sealed class BatchCommandTests : IDisposable
{
    private readonly TestImages _images = new();

    /// <summary>A frame dump: ref/000000.png .. and dist/000000.png .. with the same names, plus one undecodable file.</summary>
    private (string Ref, string Dist) FrameDump(int frames, bool withBadFile = true)
    {
        string refDir = Directory.CreateDirectory(_images.Path("ref")).FullName;
        string distDir = Directory.CreateDirectory(_images.Path("dist")).FullName;
        for (int i = 0; i < frames; i++)
        {
            string name = $"{i:D6}.png";
            _images.WritePng(Path.Combine("ref", name), TestImages.Pattern(48, 40, 3, seed: i), 48, 40, 3);
            _images.WritePng(Path.Combine("dist", name), TestImages.Pattern(48, 40, 3, seed: 1000 + i, noise: 50), 48, 40, 3);
        }
        if (withBadFile)
        {
            File.WriteAllText(Path.Combine(refDir, "broken.png"), "x");
            File.WriteAllText(Path.Combine(distDir, "broken.png"), "not a png");
        }
        return (refDir, distDir);
    }

    private static List<JsonElement> ReadJsonl(string path) =>
        File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Fact]
    public void JsonlRowsForEveryPairWithAnErrorRowAndExitCode3()
    {
        var (refDir, distDir) = FrameDump(5);
        string output = _images.Path("out.jsonl");
        var r = CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", output, "-a", "cpu");
        Assert.Equal(3, r.ExitCode);
        var rows = ReadJsonl(output);
        Assert.Equal(6, rows.Count);
        var bad = Assert.Single(rows, row => row.TryGetProperty("error", out _));
        Assert.EndsWith("broken.png", bad.GetProperty("dist").GetString());
        Assert.Contains("broken.png", r.Error);
        foreach (var row in rows.Where(row => !row.TryGetProperty("error", out _)))
        {
            Assert.Equal(Path.GetFileName(row.GetProperty("ref").GetString()), Path.GetFileName(row.GetProperty("dist").GetString()));
            double ssim = row.GetProperty("scores").GetProperty("ssim").GetDouble();
            Assert.InRange(ssim, 0, 1);
            Assert.True(row.GetProperty("scores").GetProperty("psnr").GetDouble() > 0);
        }
        Assert.Contains("5 scored, 1 failed", r.Error);
        Assert.Contains("pairs 6 in ", r.Error); // the final progress line (stderr is not a terminal here)
    }

    [Fact]
    public void QuietPrintsOnlyTheFailures()
    {
        var (refDir, distDir) = FrameDump(2);
        var r = CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", _images.Path("q.jsonl"), "--quiet");
        Assert.Equal(3, r.ExitCode);
        var line = Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("broken.png", line);
    }

    [Fact]
    public void ScoresEqualTheScoreCommand()
    {
        var (refDir, distDir) = FrameDump(2, withBadFile: false);
        string output = _images.Path("out.csv");
        var r = CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", output, "--metric", "ssim,ms_ssim,psnr",
            "--set", "ms_ssim.small=fewer", "-a", "cpu");
        Assert.Equal(0, r.ExitCode);
        var lines = File.ReadAllLines(output);
        Assert.Equal("ref,dist,ssim,ms_ssim,ms_ssim_scales,psnr,error", lines[0]);
        Assert.Equal(3, lines.Length);
        foreach (var line in lines.Skip(1))
        {
            var cells = CsvLine.Parse(line);
            var single = JsonDocument.Parse(CliRunner.Run("score", cells[0], cells[1], "--metric", "ssim,ms_ssim,psnr",
                "--set", "ms_ssim.small=fewer", "--format", "json", "-a", "cpu").Output).RootElement.GetProperty("scores");
            Assert.Equal(single.GetProperty("ssim").GetDouble(), double.Parse(cells[2]));
            Assert.Equal(single.GetProperty("ms_ssim").GetDouble(), double.Parse(cells[3]));
            Assert.Equal("2", cells[4]); // 48x40 and 24x20 hold the 11x11 window; 12x10 does not
            Assert.Equal(single.GetProperty("psnr").GetDouble(), double.Parse(cells[5]));
            Assert.Equal("", cells[6]);
        }
    }

    [Fact]
    public void PairsCsvWithIdsAndPattern()
    {
        var (refDir, distDir) = FrameDump(2, withBadFile: false);
        File.Copy(Path.Combine(distDir, "000000.png"), Path.Combine(distDir, "000000_blur.png"));
        File.Copy(Path.Combine(distDir, "000001.png"), Path.Combine(distDir, "000000_noise.png"));
        string output = _images.Path("pattern.jsonl");
        Assert.Equal(0, CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--pattern", "{stem}_*", "--out", output).ExitCode);
        var rows = ReadJsonl(output);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.EndsWith("000000.png", row.GetProperty("ref").GetString()));

        string list = _images.Path("pairs.csv");
        File.WriteAllText(list, "ref,dist,id\nref/000000.png,dist/000000.png,first\nref/000001.png,dist/000001.png,\"second, quoted\"\n");
        string listOut = _images.Path("list.jsonl");
        Assert.Equal(0, CliRunner.Run("batch", "--pairs", list, "--out", listOut).ExitCode);
        Assert.Equal(["first", "second, quoted"], ReadJsonl(listOut).Select(row => row.GetProperty("id").GetString()!).Order().ToArray());
    }

    [Fact]
    public void ResumeAfterATruncatedLastLineScoresEachPairExactlyOnce()
    {
        var (refDir, distDir) = FrameDump(6);
        string output = _images.Path("out.jsonl");
        CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", output);
        var full = File.ReadAllLines(output);
        // Keep three complete rows and half of the fourth, as a run killed while writing would.
        File.WriteAllText(output, string.Join("\n", full.Take(3)) + "\n" + full[3][..(full[3].Length / 2)]);
        var r = CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", output, "--resume");
        Assert.Contains("3 already done", r.Error);
        var keys = ReadJsonl(output).Select(row => row.GetProperty("dist").GetString()).ToList();
        Assert.Equal(7, keys.Count);
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void ResumeAfterKillingTheProcessScoresEachPairExactlyOnce()
    {
        var (refDir, distDir) = FrameDump(80, withBadFile: false);
        string output = _images.Path("killed.csv");
        string iqa = Path.Combine(AppContext.BaseDirectory, "iqa.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { iqa, "batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", output, "--threads", "1", "-a", "cpu", "-q" })
            start.ArgumentList.Add(a);
        using (var child = Process.Start(start)!)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline && !child.HasExited && (!File.Exists(output) || File.ReadAllLines(output).Length < 10))
                Thread.Sleep(5);
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }
        int before = File.ReadAllLines(output).Length - 1;
        Assert.InRange(before, 1, 80);
        var r = CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", output, "--resume", "-a", "cpu");
        Assert.Equal(0, r.ExitCode);
        var rows = File.ReadAllLines(output).Skip(1).Select(CsvLine.Parse).ToList();
        Assert.Equal(80, rows.Count);
        Assert.Equal(80, rows.Select(c => c[1]).Distinct().Count());
        Assert.All(rows, c => Assert.Equal("", c[^1]));
    }

    [Fact]
    public void ResumeRefusesAnOutputWithOtherColumns()
    {
        var (refDir, distDir) = FrameDump(1, withBadFile: false);
        string output = _images.Path("cols.csv");
        CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", output);
        var r = CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", output, "--resume", "--metric", "ssim");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("differ from this run's", r.Error);

        string jsonl = _images.Path("cols.jsonl");
        CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", jsonl);
        foreach (var metrics in new[] { "ssim", "ssim,psnr,ms_ssim" })
        {
            var j = CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", jsonl, "--resume", "--metric", metrics);
            Assert.Equal(2, j.ExitCode);
            Assert.Contains("differ from this run's metrics", j.Error);
        }
        Assert.Single(File.ReadAllLines(jsonl)); // the refused runs appended nothing
    }

    /// <summary>
    /// LPIPS pairs of one size go through the network together; each equals the pair scored alone
    /// (float32 summation order: 1e-6 relative), and a mismatched pair in the group fails alone.
    /// </summary>
    [Fact]
    public void LpipsIsBatchedAndEqualsSinglePairs()
    {
        var (refDir, distDir) = FrameDump(5, withBadFile: false);
        _images.WritePng(Path.Combine("ref", "odd.png"), TestImages.Pattern(48, 40, 3, seed: 1), 48, 40, 3);
        _images.WritePng(Path.Combine("dist", "odd.png"), TestImages.Pattern(40, 40, 3, seed: 2), 40, 40, 3);
        string output = _images.Path("lpips.jsonl");
        var r = CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--metric", "lpips,ssim", "--out", output, "--threads", "4");
        Assert.Equal(3, r.ExitCode);
        var rows = ReadJsonl(output);
        Assert.Equal(6, rows.Count);
        Assert.Contains("differs from the reference", Assert.Single(rows, row => row.TryGetProperty("error", out _)).GetProperty("error").GetString());
        foreach (var row in rows.Where(row => row.TryGetProperty("scores", out _)))
        {
            double single = JsonDocument.Parse(CliRunner.Run("score", row.GetProperty("ref").GetString()!, row.GetProperty("dist").GetString()!,
                "-m", "lpips", "--format", "json").Output).RootElement.GetProperty("scores").GetProperty("lpips").GetDouble();
            double batched = row.GetProperty("scores").GetProperty("lpips").GetDouble();
            Assert.Equal(single, batched, single * 1e-6);
        }
    }

    [Fact]
    public void BadArguments()
    {
        Assert.Contains("exactly one input", CliRunner.Run("batch", "--out", _images.Path("x.jsonl")).Error);
        Assert.Contains("folder not found", CliRunner.Run("batch", "--ref-dir", _images.Path("none"), "--dist-dir", _images.Dir).Error);
        _images.WritePng("one.png", TestImages.Pattern(32, 32, 1, seed: 1), 32, 32, 1); // an empty folder is an error of its own
        Assert.Contains(".jsonl", CliRunner.Run("batch", "--dir", _images.Dir, "--metric", "niqe", "--out", _images.Path("x.txt")).Error);
    }

    public void Dispose() => _images.Dispose();
}
