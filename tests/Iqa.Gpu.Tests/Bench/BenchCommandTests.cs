using System.Buffers.Binary;
using System.Text.Json;
using Iqa.Gpu.Tests.Cli;
using Iqa.Gpu.Tests.Video;
using Iqa.Gpu.Video;

namespace Iqa.Gpu.Tests.Bench;

/// <summary>
/// <c>iqa bench</c> through the command line: the JSON report and its fields, table and CSV, the plot, comparing saved
/// reports, inputs from files, and the exit codes of bad command lines (1), unusable inputs and reports (2) and
/// measurements that fail (3).
/// </summary>
public sealed class BenchCommandTests : IDisposable
{
    /// <summary>Small, fast runs: a 64x48 frame, short repetitions, no progress lines.</summary>
    private static readonly string[] Small = ["bench", "--size", "64x48", "--frames", "1", "--min-time", "0.01", "--quiet"];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_run_writes_its_report_as_json_and_a_plot()
    {
        string json = _dir.File("run.json"), png = _dir.File("run.png");
        var r = CliRunner.Run([.. Small, "--accelerators", "cpu,ilgpu-cpu", "-m", "psnr", "--format", "json", "--out", json, "--plot", png]);

        Assert.Equal((0, ""), (r.ExitCode, r.Error));
        Assert.Equal(r.Output.Trim(), File.ReadAllText(json).Trim());
        using var doc = JsonDocument.Parse(r.Output);
        var root = doc.RootElement;
        Assert.Equal(("iqa-bench", 1), (root.GetProperty("format").GetString(), root.GetProperty("format_version").GetInt32()));
        var machine = root.GetProperty("machine");
        foreach (string field in new[] { "iqa_version", "dotnet_version", "os", "cpu_model", "ilgpu_version", "date" })
            Assert.False(string.IsNullOrEmpty(machine.GetProperty(field).GetString()), field);
        Assert.True(machine.GetProperty("cpu_threads").GetInt32() > 0 && machine.GetProperty("memory_bytes").GetInt64() > 0);
        Assert.Equal(["cpu", "ilgpu-cpu"], root.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("kind").GetString()));
        var rows = root.GetProperty("measurements").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        foreach (var row in rows)
        {
            Assert.True(row.GetProperty("resident").GetProperty("frames_per_second").GetDouble() > 0);
            Assert.True(row.GetProperty("end_to_end").GetProperty("ms_per_frame").GetDouble() > 0);
            foreach (string field in new[] { "prepare_upload_ms", "compute_ms", "compile_ms", "init_ms" })
                Assert.True(row.GetProperty(field).GetDouble() >= 0, field);
            Assert.True(row.GetProperty("peak_memory").GetProperty("bytes").GetInt64() > 0);
            Assert.True(row.GetProperty("passed").GetBoolean());
        }
        var agreement = Assert.Single(rows[1].GetProperty("agreement").EnumerateArray());
        Assert.Equal(("psnr", 1e-4), (agreement.GetProperty("score").GetString(), agreement.GetProperty("tolerance").GetDouble()));
        Assert.Equal("device-allocations", rows[1].GetProperty("peak_memory").GetProperty("measure").GetString());
        Assert.Equal("process-peak-working-set", rows[0].GetProperty("peak_memory").GetProperty("measure").GetString());
        AssertPng(png);
    }

    [Fact]
    public void Table_and_csv_show_one_line_per_measurement()
    {
        var table = CliRunner.Run([.. Small, "--accelerators", "cpu", "-m", "psnr,ssim"]);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("resident fps", table.Output);
        Assert.Contains("load average", table.Output);
        Assert.Single(table.Output.Split('\n'), l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["cpu", "ssim", "64x48", "1", .., "reference"]);

        var csv = CliRunner.Run([.. Small, "--accelerators", "cpu", "-m", "psnr,ssim", "--format", "csv"]);
        var lines = csv.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("accelerator,metric,size,frames,computed_on,resident_fps,", lines[0]);
        Assert.Equal(["cpu,psnr,64x48,1", "cpu,ssim,64x48,1"], lines[1..].Select(l => string.Join(",", l.Split(',')[..4])));
    }

    [Fact]
    public void Saved_reports_are_compared_side_by_side_and_plotted()
    {
        string a = _dir.File("a.json"), b = _dir.File("b.json"), png = _dir.File("cmp.png");
        Assert.Equal(0, CliRunner.Run([.. Small, "--accelerators", "cpu", "-m", "psnr", "--out", a]).ExitCode);
        Assert.Equal(0, CliRunner.Run([.. Small, "--accelerators", "cpu", "-m", "psnr,gmsd", "--out", b]).ExitCode);

        var r = CliRunner.Run("bench", "--compare", a, b, "--plot", png);

        Assert.Equal((0, ""), (r.ExitCode, r.Error));
        var header = r.Output.Split('\n').First(l => l.StartsWith("metric"));
        Assert.Contains("cpu (a.json)", header);
        Assert.Contains("cpu (b.json)", header);
        Assert.Contains(r.Output.Split('\n'), l => l.StartsWith("psnr") && l.Contains("end-to-end"));
        // gmsd is only in b.json: a.json's column has no figure there.
        var gmsd = r.Output.Split('\n').First(l => l.StartsWith("gmsd") && l.Contains("resident"));
        Assert.Equal("-", gmsd.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3]);
        AssertPng(png);

        var csv = CliRunner.Run("bench", "--compare", a, b, "--format", "csv");
        Assert.StartsWith("metric,size,mode,cpu (a.json) fps,cpu (b.json) fps", csv.Output);
    }

    [Theory]
    [InlineData("missing.json", null, "file not found")]
    [InlineData("other.json", """{"a": 1}""", "not an iqa bench report")]
    [InlineData("later.json", """{"format": "iqa-bench", "format_version": 2}""", "format version 2; this iqa reads version 1")]
    [InlineData("cut.json", """{"format": "iqa-bench", "format_version": 1, "machine": {""", "not valid bench report JSON")]
    [InlineData("partial.json", """{"format": "iqa-bench", "format_version": 1}""", "incomplete bench report: no 'machine'")]
    [InlineData("hollow.json", """{"format": "iqa-bench", "format_version": 1, "machine": {}, "timing": {}, "profile": "matlab", "settings": {}, "devices": [], "measurements": []}""", "not valid bench report JSON (line 1, $.machine")]
    public void A_bad_report_to_compare_is_one_line_and_exit_2(string name, string? content, string mention)
    {
        string path = content is null ? _dir.File(name) : _dir.Write(name, System.Text.Encoding.UTF8.GetBytes(content));
        var r = CliRunner.Run("bench", "--compare", path);
        CliAssert.CleanFailure(r, name, mention);
        Assert.Equal(2, r.ExitCode);
    }

    [Theory]
    [InlineData("--accelerators tpu", "accelerator 'tpu'")]
    [InlineData("--accelerators cpu,gpu", "accelerator 'gpu'")]
    [InlineData("--accelerators all,cpu", "--accelerators 'all,cpu'")]
    [InlineData("--accelerators auto", "name the devices")]
    [InlineData("--metric ssim,nope", "unknown metric 'nope'")]
    [InlineData("--size 0x0", "size '0x0'")]
    [InlineData("--size 100000x100000", "size '100000x100000'")]
    [InlineData("--size 8000x8000", "33177600 pixels, 7680x4320, or fewer")]
    [InlineData("--size 1920", "size '1920'")]
    [InlineData("--frames 0", "--frames '0'")]
    [InlineData("--frames 65", "--frames '65'")]
    [InlineData("--min-time 0", "--min-time '0'")]
    [InlineData("--input", "--input")]
    [InlineData("--input a.png", "--input 'a.png'")]
    [InlineData("--size 64x48 --input a.png,b.png", "--size and --input")]
    [InlineData("--compare a.json --size 64x48", "--size applies to a measuring run")]
    [InlineData("--compare a.json --format json", "--compare prints a table or csv")]
    [InlineData("--plot bench.jpg", "--plot 'bench.jpg'")]
    public void Bad_command_lines_are_usage_errors(string options, string mention)
    {
        var r = CliRunner.Run(["bench", .. options.Split(' ')]);
        CliAssert.CleanFailure(r, mention);
        Assert.Equal(1, r.ExitCode);
    }

    [Fact]
    public void A_missing_input_file_is_exit_2()
    {
        var r = CliRunner.Run("bench", "--accelerators", "cpu", "--input", $"{_dir.File("nope.png")},{_dir.File("nope2.png")}");
        CliAssert.CleanFailure(r, "nope.png", "file not found");
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void An_option_no_selected_metric_takes_stops_the_run_before_measuring()
    {
        var r = CliRunner.Run([.. Small, "--accelerators", "cpu", "-m", "psnr", "--set", "ssim.small=fewer"]);
        CliAssert.CleanFailure(r, "ssim.small");
        Assert.Equal(2, r.ExitCode);
    }

    [NoCudaFact]
    public void An_unusable_device_stops_the_run_before_measuring()
    {
        var r = CliRunner.Run([.. Small, "--accelerators", "cpu,cuda", "-m", "psnr"]);
        CliAssert.CleanFailure(r, "cuda");
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void A_measurement_that_fails_exits_3_after_the_others()
    {
        var r = CliRunner.Run([.. Small, "--accelerators", "cpu", "-m", "ms_ssim,psnr"]);

        Assert.Equal(3, r.ExitCode);
        Assert.Contains(r.Output.Split('\n'), l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["cpu", "psnr", .., "reference"]);
        Assert.StartsWith("iqa: cpu ms_ssim 64x48: ERROR: ", Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void Image_pairs_are_measured_with_their_decode_time()
    {
        string[] inputs = [.. Enumerable.Range(0, 2).Select(i =>
            $"{_dir.WritePng($"r{i}.png", TestImages.Pattern(64, 48, 3, seed: i), 64, 48, 3)},{_dir.WritePng($"d{i}.png", TestImages.Pattern(64, 48, 3, seed: 10 + i), 64, 48, 3)}")];
        var r = CliRunner.Run("bench", "--accelerators", "cpu", "-m", "psnr", "--min-time", "0.01", "-q", "--format", "json",
            "--input", inputs[0], "--input", inputs[1]);

        Assert.Equal(0, r.ExitCode);
        var row = Assert.Single(JsonDocument.Parse(r.Output).RootElement.GetProperty("measurements").EnumerateArray());
        Assert.Equal(("64x48", 2), (row.GetProperty("size").GetString(), row.GetProperty("frames").GetInt32()));
        Assert.True(row.GetProperty("decode_ms").GetDouble() > 0);
    }

    [Fact]
    public void A_video_pair_is_measured_on_its_first_frames()
    {
        var clip = TestClip.Random(64, 48, VideoPixelFormat.Parse("yuv420p"), frames: 3);
        string reference = _dir.Write("ref.y4m", clip.ToY4m()), distorted = _dir.Write("dist.y4m", clip.WithNoise(6, seed: 2).ToY4m());
        var r = CliRunner.Run("bench", "--accelerators", "cpu", "-m", "ssim", "--min-time", "0.01", "-q", "--format", "json",
            "--input", $"{reference},{distorted}", "--frames", "2");

        Assert.Equal(0, r.ExitCode);
        var row = Assert.Single(JsonDocument.Parse(r.Output).RootElement.GetProperty("measurements").EnumerateArray());
        Assert.Equal(("64x48", 2), (row.GetProperty("size").GetString(), row.GetProperty("frames").GetInt32()));
        Assert.True(row.GetProperty("decode_ms").GetDouble() > 0);
    }

    /// <summary>A PNG file: the signature, then an IHDR chunk with a non-empty picture.</summary>
    private static void AssertPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.True(BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)) >= 800 && BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)) > 0);
    }
}
