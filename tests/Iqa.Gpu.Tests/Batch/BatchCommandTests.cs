using System.Diagnostics;
using System.Text.Json;
using Iqa.Gpu.Pipelines;
using Iqa.Gpu.Tests.Cli;

namespace Iqa.Gpu.Tests.Batch;

/// <summary><c>iqa batch</c> over generated folders: matching, output shapes, error rows, exit codes, resume.</summary>
public sealed class BatchCommandTests : IDisposable
{
    private readonly TempDirectory _images = new();

    /// <summary>A frame dump: ref/000000.png .. and dist/000000.png .. with the same names, plus one undecodable file.</summary>
    private (string Ref, string Dist) FrameDump(int frames, bool withBadFile = true)
    {
        string refDir = Directory.CreateDirectory(_images.File("ref")).FullName;
        string distDir = Directory.CreateDirectory(_images.File("dist")).FullName;
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

    [Fact]
    public void JsonlRowsForEveryPairWithAnErrorRowAndExitCode3()
    {
        var (refDir, distDir) = FrameDump(5);
        string output = _images.File("out.jsonl");
        var r = CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", output, "-a", "cpu");
        Assert.Equal(3, r.ExitCode);
        var rows = BatchOutput.Rows(output);
        Assert.Equal(6, rows.Count);
        var header = Assert.Single(BatchOutput.Headers(output)); // the run's provenance, once, before its rows
        Assert.Equal("matlab", header.GetProperty("profile").GetString());
        Assert.Equal("gray", header.GetProperty("settings").GetProperty("color").GetString());
        Assert.StartsWith("cpu (", header.GetProperty("device").GetString());
        Assert.Equal(["ssim", "psnr"], header.GetProperty("metrics").EnumerateArray().Select(m => m.GetString()));
        Assert.StartsWith("{\"iqa_batch\"", File.ReadLines(output).First());
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
        var r = CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", _images.File("q.jsonl"), "--quiet");
        Assert.Equal(3, r.ExitCode);
        var line = Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("broken.png", line);
    }

    [Fact]
    public void ScoresEqualTheScoreCommand()
    {
        var (refDir, distDir) = FrameDump(2, withBadFile: false);
        string output = _images.File("out.csv");
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
        string output = _images.File("pattern.jsonl");
        Assert.Equal(0, CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--pattern", "{stem}_*", "--out", output).ExitCode);
        var rows = BatchOutput.Rows(output);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.EndsWith("000000.png", row.GetProperty("ref").GetString()));

        string list = _images.File("pairs.csv");
        File.WriteAllText(list, "ref,dist,id\nref/000000.png,dist/000000.png,first\nref/000001.png,dist/000001.png,\"second, quoted\"\n");
        string listOut = _images.File("list.jsonl");
        Assert.Equal(0, CliRunner.Run("batch", "--pairs", list, "--out", listOut).ExitCode);
        Assert.Equal(["first", "second, quoted"], BatchOutput.Rows(listOut).Select(row => row.GetProperty("id").GetString()!).Order().ToArray());
    }

    [Fact]
    public void ResumeAfterATruncatedLastLineScoresEachPairExactlyOnce()
    {
        var (refDir, distDir) = FrameDump(6);
        string output = _images.File("out.jsonl");
        CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", output);
        var full = File.ReadAllLines(output);
        // Keep the header record, three complete rows and half of the fourth, as a run killed while writing would.
        File.WriteAllText(output, string.Join("\n", full.Take(4)) + "\n" + full[4][..(full[4].Length / 2)]);
        var r = CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", output, "--resume");
        Assert.Contains("3 already done", r.Error);
        var keys = BatchOutput.Rows(output).Select(row => row.GetProperty("dist").GetString()).ToList();
        Assert.Equal(7, keys.Count);
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    /// <summary>A file never mixes conventions: resuming under another profile, colour or metric option is refused, JSONL and CSV.</summary>
    [Theory]
    [InlineData("out.jsonl")]
    [InlineData("out.csv")]
    public void ResumeRefusesOtherConventions(string name)
    {
        var (refDir, distDir) = FrameDump(2, withBadFile: false);
        string output = _images.File(name);
        Assert.Equal(0, CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", output, "--profile", "pyiqa", "--color", "rgb").ExitCode);
        string before = File.ReadAllText(output);
        foreach (var other in new[] { new[] { "--profile", "pyiqa" }, ["--color", "rgb"], ["--profile", "pyiqa", "--color", "rgb", "--data-range", "200"] })
        {
            var r = CliRunner.Run(["batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", output, "--resume", .. other]);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("written with ssim,psnr, profile pyiqa (color=rgb", r.Error);
            Assert.Equal(before, File.ReadAllText(output));
        }
        // The same conventions resume (nothing left to do), and the run's record is added.
        var same = CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", output, "--resume", "--color", "RGB", "--profile", "PyIQA");
        Assert.Equal(0, same.ExitCode);
        Assert.Contains("2 already done", same.Error);
        var records = name.EndsWith(".csv") ? BatchOutput.Parse(File.ReadAllText(output + ".provenance.jsonl")).Select(r => r.GetProperty("iqa_batch")).ToList()
            : BatchOutput.Headers(output);
        Assert.Equal([0, 2], records.Select(h => h.GetProperty("rows_before").GetInt32()));
    }

    /// <summary>Every metric option and model is checked before any item is read: one error line, exit 2, no output file.</summary>
    [Theory]
    [InlineData("dists")]
    [InlineData("lpips", "--set", "lpips.threads=x")]
    [InlineData("lpips", "--set", "lpips.threads=99999")]
    [InlineData("lpips", "--model", "missing.onnx")]
    [InlineData("niqe", "--niqe-model", "missing.json")]
    [InlineData("ms_ssim", "--set", "ms_ssim.small=maybe")]
    [InlineData("ssim", "--set", "ssim.window=7")]
    public void BadMetricOptionOrModelFailsBeforeAnyItem(string metric, params string[] extra)
    {
        var (refDir, distDir) = FrameDump(2, withBadFile: false);
        string output = _images.File("never.jsonl");
        string[] input = metric == "niqe" ? ["--dir", refDir] : ["--ref-dir", refDir, "--dist-dir", distDir];
        var r = CliRunner.Run(["batch", .. input, "-m", metric, "--out", output, .. extra]);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("iqa: ", r.Error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void ResumeAfterKillingTheProcessScoresEachPairExactlyOnce()
    {
        var (refDir, distDir) = FrameDump(80, withBadFile: false);
        string output = _images.File("killed.csv");
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
        string output = _images.File("cols.csv");
        CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", output);
        var r = CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", output, "--resume", "--metric", "ssim");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("differ from this run's", r.Error);

        string jsonl = _images.File("cols.jsonl");
        CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", jsonl);
        foreach (var metrics in new[] { "ssim", "ssim,psnr,ms_ssim" })
        {
            var j = CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--out", jsonl, "--resume", "--metric", metrics);
            Assert.Equal(2, j.ExitCode);
            Assert.Contains("resume with the same metrics and conventions", j.Error);
        }
        Assert.Equal(2, File.ReadAllLines(jsonl).Length); // header and row: the refused runs appended nothing
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
        string output = _images.File("lpips.jsonl");
        var r = CliRunner.Run("batch", "--ref-dir", refDir, "--dist-dir", distDir, "--metric", "lpips,ssim", "--out", output, "--threads", "4");
        Assert.Equal(3, r.ExitCode);
        var rows = BatchOutput.Rows(output);
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
        Assert.Contains("exactly one input", CliRunner.Run("batch", "--out", _images.File("x.jsonl")).Error);
        Assert.Contains("folder not found", CliRunner.Run("batch", "--ref-dir", _images.File("none"), "--dist-dir", _images.Path).Error);
        _images.WritePng("one.png", TestImages.Pattern(32, 32, 1, seed: 1), 32, 32, 1); // an empty folder is an error of its own
        Assert.Contains(".jsonl", CliRunner.Run("batch", "--dir", _images.Path, "--metric", "niqe", "--out", _images.File("x.txt")).Error);
    }

    public void Dispose() => _images.Dispose();
}
