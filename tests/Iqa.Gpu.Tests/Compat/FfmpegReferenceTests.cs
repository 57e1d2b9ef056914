using Iqa.Gpu.Metrics.Compat;
using Iqa.Gpu.Tests.Video;
using Xunit.Abstractions;

namespace Iqa.Gpu.Tests.Compat;

/// <summary>
/// FFmpeg's ssim and psnr filters against FFmpeg 5.1's outputs (TestData/compat/ffmpeg, made by
/// make_reference.sh). Stats files print 6 decimals (ssim) and 2 (psnr); the frame metadata prints each value
/// rounded to float32 with 6 decimals; the ssim dB of a single plane carries its value to ~1e-8. Agreeing with
/// every printed digit is |diff| &lt;= 5e-7 (0.005 for the psnr stats file); measured: every column does.
/// </summary>
[Collection(CompatClipsCollection.Name)]
public sealed class FfmpegReferenceTests(CompatClips clips, ITestOutputHelper output)
{
    private const double Printed = 5e-7 + 1e-12;
    private const double PrintedTwoDecimals = 0.005 + 1e-9;
    private static readonly string[] SsimPlanes = ["Y", "U", "V"];
    private static readonly string[] PsnrPlanes = ["y", "u", "v"];

    public static TheoryData<string> Clips => new(CompatClips.Names);

    public static TheoryData<string> Identical => new("s352_8", "s352_10");

    [FfmpegTheory]
    [MemberData(nameof(Clips))]
    public void SsimMatchesFfmpegsCCode(string clip)
    {
        // ssim_c.log: the whole frame; ssim_c_<plane>.log: one plane as a gray stream, its value also as dB.
        var frame = Columns("ssim (-cpuflags 0)", "Y", "U", "V", "All", "dB");
        var planeValue = Columns("ssim of one plane (-cpuflags 0)", "value", "dB");
        var whole = CompatReference.FfmpegStats(CompatReference.Ffmpeg($"{clip}.ssim_c.log"));
        var single = SsimPlanes.Select(p => CompatReference.FfmpegStats(CompatReference.Ffmpeg($"{clip}.ssim_c_{p.ToLowerInvariant()}.log"))).ToArray();
        ForEachFrame(clip, (f, main, reference) =>
        {
            string row = $"{clip} frame {f}";
            var scores = FfmpegSsim.Compute(main, reference);
            for (int p = 0; p < 3; p++)
            {
                frame[SsimPlanes[p]].Add(whole[f][SsimPlanes[p]], scores.Planes[p], row);
                planeValue["value"].Add(single[p][f]["All"], scores.Planes[p], $"{row} plane {SsimPlanes[p]}");
                planeValue["dB"].Add(single[p][f]["dB"], FfmpegSsim.Db(scores.Planes[p]), $"{row} plane {SsimPlanes[p]}");
            }
            frame["All"].Add(whole[f]["All"], scores.All, row);
            frame["dB"].Add(whole[f]["dB"], scores.Db, row);
        });
        CheckAll(frame, planeValue);
    }

    [FfmpegTheory]
    [MemberData(nameof(Clips))]
    public void SsimMatchesFfmpegsX86BuildOnPlanesItsAssemblyGetsRight(string clip)
    {
        // Default CPU flags: SSE4 row ends at 8 bits, wrong for plane widths with (w/4) mod 4 = 2 (see FfmpegSsim):
        // such planes are left out, and All and dB with them.
        var first = clips.Frames(clip, "ref")[0];
        string[] exact = [.. Enumerable.Range(0, 3)
            .Where(p => first.Planes[p].BitDepth > 8 || (first.Planes[p].Width >> 2) % 4 != 2).Select(p => SsimPlanes[p])];
        string[] columns = exact.Length == 3 ? [.. exact, "All", "dB"] : exact;
        var stats = Columns("ssim (default flags)", columns);
        var metadata = Columns("lavfi.ssim (float32)", columns);
        var log = CompatReference.FfmpegStats(CompatReference.Ffmpeg($"{clip}.ssim.log"));
        var meta = CompatReference.FfmpegMetadata(CompatReference.Ffmpeg($"{clip}.meta.txt"));
        ForEachFrame(clip, (f, main, reference) =>
        {
            var scores = FfmpegSsim.Compute(main, reference);
            var values = new Dictionary<string, double> { ["All"] = scores.All, ["dB"] = scores.Db };
            for (int p = 0; p < 3; p++)
                values[SsimPlanes[p]] = scores.Planes[p];
            foreach (string column in columns)
            {
                stats[column].Add(log[f][column], values[column], $"{clip} frame {f}");
                metadata[column].Add(meta[f]["ssim." + column], (float)values[column], $"{clip} frame {f}");
            }
        });
        CheckAll(stats, metadata);
    }

    [FfmpegTheory]
    [MemberData(nameof(Clips))]
    public void PsnrMatchesFfmpeg(string clip)
    {
        var metadata = Columns("lavfi.psnr (float32)", "mse.y", "mse.u", "mse.v", "psnr.y", "psnr.u", "psnr.v", "mse_avg", "psnr_avg");
        var stats = Columns("psnr stats (2 decimals)", "mse_y", "mse_u", "mse_v", "psnr_y", "psnr_u", "psnr_v", "mse_avg", "psnr_avg");
        foreach (var column in stats.Keys)
            stats[column] = new Agreement(output, $"psnr stats (2 decimals) {column}", PrintedTwoDecimals);
        var meta = CompatReference.FfmpegMetadata(CompatReference.Ffmpeg($"{clip}.meta.txt"));
        var log = CompatReference.FfmpegStats(CompatReference.Ffmpeg($"{clip}.psnr.log"));
        ForEachFrame(clip, (f, main, reference) =>
        {
            string row = $"{clip} frame {f}";
            var scores = FfmpegPsnr.Compute(main, reference);
            for (int p = 0; p < 3; p++)
            {
                string plane = PsnrPlanes[p];
                metadata["mse." + plane].Add(meta[f]["psnr.mse." + plane], (float)scores.Planes[p].Mse, row);
                metadata["psnr." + plane].Add(meta[f]["psnr.psnr." + plane], (float)scores.Planes[p].Psnr, row);
                stats["mse_" + plane].Add(log[f]["mse_" + plane], scores.Planes[p].Mse, row);
                stats["psnr_" + plane].Add(log[f]["psnr_" + plane], scores.Planes[p].Psnr, row);
            }
            metadata["mse_avg"].Add(meta[f]["psnr.mse_avg"], (float)scores.MseAverage, row);
            metadata["psnr_avg"].Add(meta[f]["psnr.psnr_avg"], (float)scores.PsnrAverage, row);
            stats["mse_avg"].Add(log[f]["mse_avg"], scores.MseAverage, row);
            stats["psnr_avg"].Add(log[f]["psnr_avg"], scores.PsnrAverage, row);
        });
        CheckAll(metadata, stats);
    }

    [FfmpegTheory]
    [MemberData(nameof(Identical))]
    public void IdenticalFramesGiveSsimOneAndInfinitePsnr(string clip)
    {
        var ssimLog = CompatReference.FfmpegStats(CompatReference.Ffmpeg($"same_{clip}.ssim.log"));
        var psnrLog = CompatReference.FfmpegStats(CompatReference.Ffmpeg($"same_{clip}.psnr.log"));
        var frames = clips.Frames(clip, "ref");
        for (int f = 0; f < frames.Count; f++)
        {
            var frame = CompatClips.Samples(frames[f]);
            var ssim = FfmpegSsim.Compute(frame, frame);
            var psnr = FfmpegPsnr.Compute(frame, frame);
            Assert.Equal(1.0, ssimLog[f]["All"]);
            Assert.Equal([1.0, 1.0, 1.0], ssim.Planes);
            // The plane weights (h w / total, in double) sum to 1 - 2^-53 here, in FFmpeg as in this code.
            Assert.Equal(1.0, ssim.All, 1e-15);
            Assert.Equal(double.PositiveInfinity, ssimLog[f]["dB"]);
            Assert.Equal(double.PositiveInfinity, ssim.Db);
            Assert.Equal(double.PositiveInfinity, psnrLog[f]["psnr_avg"]);
            Assert.Equal(double.PositiveInfinity, psnr.PsnrAverage);
            Assert.All(psnr.Planes, p => Assert.Equal((0ul, 0.0, double.PositiveInfinity), (p.Sse, p.Mse, p.Psnr)));
            Assert.Equal(0.0, psnr.MseAverage);
        }
    }

    private delegate void FrameCheck(int frame, SampleFrame main, SampleFrame reference);

    /// <summary>Runs <paramref name="check"/> on each frame: main = distorted, reference = reference, as the runs had them.</summary>
    private void ForEachFrame(string clip, FrameCheck check)
    {
        var refs = clips.Frames(clip, "ref");
        var dists = clips.Frames(clip, "dist");
        for (int f = 0; f < refs.Count; f++)
            check(f, CompatClips.Samples(dists[f]), CompatClips.Samples(refs[f]));
    }

    private Dictionary<string, Agreement> Columns(string title, params string[] names) =>
        names.ToDictionary(n => n, n => new Agreement(output, $"{title} {n}", Printed));

    private static void CheckAll(params Dictionary<string, Agreement>[] tables)
    {
        foreach (var agreement in tables.SelectMany(t => t.Values))
            agreement.Check();
    }
}
