using System.Globalization;
using System.Text.Json;
using Iqa.Gpu.Images;
using Iqa.Gpu.Tests.Video;
using Iqa.Gpu.Video;

namespace Iqa.Gpu.Tests.Cli;

/// <summary>
/// Maps and regions on the command line: the files <c>--map</c>, <c>--map-raw</c> and <c>--overlay</c> write (named by
/// the documented rule, readable, the raw one holding the map's values), the geometry and regions in each output
/// format, <c>batch --maps</c> and region columns, <c>video --regions</c>, and clean errors for bad paths and values.
/// </summary>
public sealed class MapCommandTests : IDisposable
{
    private static readonly string Ref = TestPaths.Repo("samples", "astronaut_ref.png"), Dist = TestPaths.Repo("samples", "astronaut_jpeg20.png");

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static CliRunner.Result Score(params string[] args) => CliRunner.Run(["score", Ref, Dist, "-a", "cpu", .. args]);

    [Fact]
    public void Maps_are_written_one_per_metric_with_their_geometry_in_the_json()
    {
        var r = Score("-m", "ssim,psnr,ms_ssim", "--map", _dir.File("out.png"), "--map-raw", _dir.File("out.tiff"), "--map-scale", "3", "--format", "json");
        Assert.True(r.ExitCode == 0, r.Error);
        using var json = JsonDocument.Parse(r.Output);
        var maps = json.RootElement.GetProperty("maps").EnumerateArray().ToDictionary(m => m.GetProperty("metric").GetString()!);
        Assert.Equal(["ssim", "psnr", "ms_ssim"], maps.Keys);
        // 512x512, automatic factor 2: offset 5f + lo + (f − 1)/2 = 10.5; MS-SSIM scale 3: 1.5 + 5 * 4; PSNR: the pixels
        Assert.Equal((10.5, 2.0), Geometry(maps["ssim"]));
        Assert.Equal((21.5, 4.0), Geometry(maps["ms_ssim"]));
        Assert.Equal((0.0, 1.0), Geometry(maps["psnr"]));
        Assert.Equal(3, maps["ms_ssim"].GetProperty("scale").GetInt32());
        Assert.Equal("cs", maps["ms_ssim"].GetProperty("quantity").GetString());
        double ssim = json.RootElement.GetProperty("scores").GetProperty("ssim").GetDouble();
        Assert.Equal(ssim, maps["ssim"].GetProperty("mean").GetDouble(), 9);
        foreach (var (metric, map) in maps)
        {
            string png = _dir.File($"out.{metric}.png"), raw = _dir.File($"out.{metric}.tiff");
            Assert.Equal(png, map.GetProperty("png").GetString());
            Assert.Equal(raw, map.GetProperty("raw").GetString());
            var picture = ImageDecoder.Decode(png);
            Assert.True(picture.Width > map.GetProperty("width").GetInt32() / 2 && picture.ColorBands == 3, $"{png}: {picture.Width}x{picture.Height}");
            using var values = NetVips.Image.NewFromFile(raw);
            Assert.Equal((NetVips.Enums.BandFormat.Float, map.GetProperty("width").GetInt32(), map.GetProperty("height").GetInt32()),
                (values.Format, values.Width, values.Height));
            Assert.Equal(map.GetProperty("mean").GetDouble(), values.Avg(), 6);
        }
    }

    [Fact]
    public void One_metric_writes_the_path_given()
    {
        var r = Score("-m", "gmsd", "--map", _dir.File("gmsd-map.png"));
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.True(File.Exists(_dir.File("gmsd-map.png")));
        Assert.Contains("map gmsd: gradient magnitude similarity (GMS) map", r.Output);
        Assert.Contains("sample i at 0.5 + 2 i", r.Output);
    }

    [Fact]
    public void Regions_report_the_worst_ones_in_every_format_and_the_overlay()
    {
        string overlay = _dir.File("worst.png");
        var json = Score("-m", "ssim,gmsd", "--regions", "100", "--worst", "3", "--overlay", overlay, "--format", "json");
        Assert.True(json.ExitCode == 0, json.Error);
        using var doc = JsonDocument.Parse(json.Output);
        var root = doc.RootElement;
        Assert.Equal("100", root.GetProperty("settings").GetProperty("regions").GetString());
        var regions = root.GetProperty("regions");
        Assert.Equal(56, regions.GetProperty("superpixels").GetInt32()); // scikit-image's count for the 512x512 astronaut (docs/slic.md)
        var ssim = regions.GetProperty("metrics").GetProperty("ssim");
        var worst = ssim.GetProperty("worst").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], worst.Select(w => w.GetProperty("rank").GetInt32()));
        Assert.True(worst.Zip(worst.Skip(1)).All(p => p.First.GetProperty("score").GetDouble() <= p.Second.GetProperty("score").GetDouble()));
        Assert.Equal(root.GetProperty("scores").GetProperty("ssim_region_min").GetDouble(), worst[0].GetProperty("score").GetDouble());
        var bbox = worst[0].GetProperty("bbox");
        Assert.True(bbox.GetProperty("width").GetInt32() > 0 && worst[0].GetProperty("area").GetInt64() <= bbox.GetProperty("width").GetInt64() * bbox.GetProperty("height").GetInt64());
        Assert.Equal(_dir.File("worst.ssim.png"), ssim.GetProperty("overlay").GetString());
        var picture = ImageDecoder.Decode(_dir.File("worst.gmsd.png"));
        Assert.Equal((512, 512, 3), (picture.Width, picture.Height, picture.ColorBands));

        var table = Score("-m", "ssim,gmsd", "--regions", "100", "--worst", "3");
        Assert.Contains("worst ssim regions of 56", table.Output);
        Assert.Contains("worst gmsd regions of", table.Output);

        var csv = Score("-m", "ssim,gmsd", "--regions", "100", "--worst", "3", "--format", "csv");
        var lines = csv.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("ref,dist,metric,score,rank,label,x,y,width,height,area,centroid_x,centroid_y,samples,region_score,error_share", lines[0]);
        Assert.Equal(1 + 2 * 3, lines.Length);
        var first = lines[1].Split(',');
        Assert.Equal("ssim", first[2]);
        Assert.Equal(worst[0].GetProperty("label").GetInt32().ToString(CultureInfo.InvariantCulture), first[5]);
    }

    [Theory]
    [InlineData("--map", "out.jpg")]
    [InlineData("--map-raw", "out.png")]
    [InlineData("--overlay", "o.tif")]
    [InlineData("--map", ".png")]
    [InlineData("--map-scale", "0")]
    [InlineData("--map-scale", "6")]
    [InlineData("--regions", "0")]
    [InlineData("--worst", "0")]
    public void Bad_paths_and_values_are_usage_errors(string option, string value)
    {
        var r = Score("-m", "ms_ssim", option, value);
        CliAssert.CleanFailure(r, option);
        Assert.Equal(1, r.ExitCode);
    }

    [Theory]
    [InlineData("--map-scale 2 -m ssim", "select ms_ssim")]
    [InlineData("--overlay o.png -m ssim", "give --regions")]
    [InlineData("--map m.png --profile libvmaf -m ssim", "profile libvmaf")]
    [InlineData("--map m.png -m ssim --downsample 200", "smaller than the 11x11")]
    public void Combinations_that_cannot_work_are_clean_errors(string options, string mention)
    {
        var r = Score([.. options.Split(' ').Select(a => a.EndsWith(".png") ? _dir.File(a) : a)]);
        CliAssert.CleanFailure(r, mention);
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void An_unwritable_map_path_is_a_clean_error_and_prints_no_result()
    {
        string path = Path.Combine(_dir.File("missing-folder"), "m.png");
        var r = Score("-m", "ssim", "--map", path);
        CliAssert.CleanFailure(r, path, "cannot write");
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void No_reference_metrics_and_metrics_without_maps_are_refused()
    {
        var nr = CliRunner.Run("score", Ref, "-m", "niqe", "-a", "cpu", "--map", _dir.File("n.png"));
        CliAssert.CleanFailure(nr, "full-reference");
        Assert.Equal(2, nr.ExitCode);
    }

    [Fact]
    public void Batch_writes_a_map_per_item_and_metric_and_region_columns()
    {
        // dist/a.png and dist/jpeg/b.png: named relative to dist, the folder holding both
        string refs = _dir.File("ref"), dists = _dir.File("dist");
        foreach (string name in new[] { "a.png", Path.Combine("jpeg", "b.png") })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(refs, name))!);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dists, name))!);
            File.Copy(Ref, Path.Combine(refs, name));
            File.Copy(Dist, Path.Combine(dists, name));
        }
        string maps = _dir.File("maps"), output = _dir.File("out.csv");
        var r = CliRunner.Run("batch", "--ref-dir", refs, "--dist-dir", dists, "-m", "ssim,psnr", "--maps", maps, "--regions", "100",
            "--out", output, "-a", "cpu", "--quiet");
        Assert.True(r.ExitCode == 0, r.Error);
        var header = File.ReadLines(output).First();
        Assert.Equal("ref,dist,ssim,psnr,ssim_region_min,ssim_region_p5,psnr_region_min,psnr_region_p5,error", header);
        foreach (string name in new[] { "a", Path.Combine("jpeg", "b") })
            foreach (string metric in new[] { "ssim", "psnr" })
                Assert.True(File.Exists(Path.Combine(maps, $"{name}.{metric}.png")), $"{name}.{metric}.png");
        var index = File.ReadAllLines(Path.Combine(maps, "maps.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(4, index.Count);
        var ssim = index.First(e => e.GetProperty("metric").GetString() == "ssim");
        Assert.Equal(10.5, ssim.GetProperty("geometry").GetProperty("offset").GetDouble());
    }

    [Fact]
    public void Batch_names_maps_from_ids_and_refuses_two_items_on_one_name()
    {
        string list = _dir.File("pairs.csv"), copy = _dir.File("copy.png");
        File.Copy(Dist, copy);
        File.WriteAllText(list, $"ref,dist,id\n{Ref},{Dist},first/one\n{Ref},{copy},second\n");
        var r = CliRunner.Run("batch", "--pairs", list, "-m", "psnr", "--maps", _dir.File("m"), "--out", _dir.File("o.jsonl"), "-a", "cpu", "--quiet");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.True(File.Exists(Path.Combine(_dir.File("m"), "first", "one.psnr.png")));
        Assert.True(File.Exists(Path.Combine(_dir.File("m"), "second.psnr.png")));

        // Without ids, the same distorted file twice (against two references) would write the same files.
        File.WriteAllText(list, $"ref,dist\n{Ref},{Dist}\n{Dist},{Dist}\n");
        var clash = CliRunner.Run("batch", "--pairs", list, "-m", "psnr", "--maps", _dir.File("m2"), "-a", "cpu", "--quiet");
        CliAssert.CleanFailure(clash, "same map files", "id column");
    }

    [Fact]
    public void Video_adds_pooled_region_scores_of_the_luma_plane()
    {
        var clip = TestClip.Random(64, 48, VideoPixelFormat.Parse("yuv420p"), frames: 2);
        string reference = _dir.Write("r.y4m", clip.ToY4m()), distorted = _dir.Write("d.y4m", clip.WithNoise(20, 5).ToY4m());
        var r = VideoCli.Run("--ref", reference, "--dist", distorted, "-m", "ssim,psnr", "--planes", "yuv", "--regions", "12", "--format", "json");
        Assert.True(r.ExitCode == 0, r.Error);
        using var json = JsonDocument.Parse(r.Output);
        var pooled = json.RootElement.GetProperty("pooled_metrics");
        foreach (string name in new[] { "ssim_region_min", "ssim_region_p5", "psnr_region_min", "psnr_region_p5", "ssim_u" })
            Assert.True(pooled.TryGetProperty(name, out _), name);
        Assert.False(pooled.TryGetProperty("ssim_region_min_u", out _));
        Assert.True(pooled.GetProperty("ssim_region_min").GetProperty("min").GetDouble() <= pooled.GetProperty("ssim").GetProperty("min").GetDouble());
    }

    private static (double, double) Geometry(JsonElement map) =>
        (map.GetProperty("geometry").GetProperty("offset").GetDouble(), map.GetProperty("geometry").GetProperty("scale").GetDouble());
}
