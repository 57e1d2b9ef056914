using Iqa.Gpu.Metrics.Compat;
using Iqa.Gpu.Tests.Video;
using Xunit.Abstractions;

namespace Iqa.Gpu.Tests.Compat;

/// <summary>
/// libvmaf's float_ssim, float_ms_ssim and psnr against the outputs of libvmaf 3.2.0's vmaf tool
/// (TestData/compat/vmaf, made by make_reference.sh). The tool prints 6 decimals, so agreeing with every printed
/// digit means |diff| &lt;= 5e-7; the dB forms (enable_db) carry the scores to ~1e-8. Measured (test output):
/// every column agrees with every printed digit.
/// </summary>
[Collection(CompatClipsCollection.Name)]
public sealed class LibvmafReferenceTests(CompatClips clips, ITestOutputHelper output)
{
    private const double Printed = 5e-7 + 1e-12;

    public static TheoryData<string> Clips => new(CompatClips.Names);

    public static TheoryData<string> Identical => new("s352_8", "s352_10");

    [FfmpegTheory]
    [MemberData(nameof(Clips))]
    public void FloatSsimMatchesTheVmafTool(string clip)
    {
        var plain = new Agreement(output, "float_ssim", Printed);
        var db = new Agreement(output, "float_ssim (enable_db, clip_db)", Printed);
        var dbOptions = new LibvmafSsimOptions { EnableDb = true, ClipDb = true };
        ForEachFrame(clip, clip, (f, reference, distorted, expected, ctc) =>
        {
            var scores = LibvmafFloatSsim.Compute(reference.Y, distorted.Y);
            plain.Add(expected["float_ssim"], scores.Score, $"{clip} frame {f}");
            db.Add(ctc["float_ssim"], LibvmafFloatSsim.Compute(reference.Y, distorted.Y, dbOptions).Score, $"{clip} frame {f}");
            Assert.Equal(clip is "s352_8" or "s352_10" or "s352_12" or "s176_16" ? 1 : 2, scores.Scale);
        });
        plain.Check();
        db.Check();
    }

    [FfmpegTheory]
    [MemberData(nameof(Clips))]
    public void FloatMsSsimMatchesTheVmafTool(string clip)
    {
        var plain = new Agreement(output, "float_ms_ssim", Printed);
        var db = new Agreement(output, "float_ms_ssim (enable_db, clip_db)", Printed);
        var dbOptions = new LibvmafMsSsimOptions { EnableDb = true, ClipDb = true };
        ForEachFrame(clip, clip, (f, reference, distorted, expected, ctc) =>
        {
            plain.Add(expected["float_ms_ssim"], LibvmafFloatMsSsim.Compute(reference.Y, distorted.Y).Score, $"{clip} frame {f}");
            db.Add(ctc["float_ms_ssim"], LibvmafFloatMsSsim.Compute(reference.Y, distorted.Y, dbOptions).Score, $"{clip} frame {f}");
        });
        plain.Check();
        db.Check();
    }

    [FfmpegTheory]
    [InlineData("s640_8", 1)]
    [InlineData("s640_8", 3)]
    [InlineData("s352_10", 2)]
    [InlineData("s401_8", 4)]
    public void ExplicitScaleAndTermMeansMatchTheVmafTool(string clip, int scale)
    {
        // float_ssim=scale=N:enable_lcs=true and float_ms_ssim=enable_lcs=true: a 3x3 box of weight 1.0f/9
        // (inexact), 4x4 with offsets -2..1 on an odd size, and every scale's l, c, s of MS-SSIM.
        var ssim = new Agreement(output, $"float_ssim scale={scale}, float_ssim_l/_c/_s", Printed);
        var terms = new Agreement(output, "float_ms_ssim_l/_c/_s_scale0..4", Printed);
        var expected = CompatReference.VmafFrames($"{clip}_scale{scale}");
        var refs = clips.Frames(clip, "ref");
        var dists = clips.Frames(clip, "dist");
        for (int f = 0; f < refs.Count; f++)
        {
            string row = $"{clip} frame {f}";
            var x = CompatClips.Samples(refs[f]).Y;
            var y = CompatClips.Samples(dists[f]).Y;
            var scores = LibvmafFloatSsim.Compute(x, y, new LibvmafSsimOptions { Scale = scale });
            Assert.Equal(scale, scores.Scale);
            ssim.Add(expected[f]["float_ssim"], scores.Score, row);
            ssim.Add(expected[f]["float_ssim_l"], scores.L, row);
            ssim.Add(expected[f]["float_ssim_c"], scores.C, row);
            ssim.Add(expected[f]["float_ssim_s"], scores.S, row);
            var ms = LibvmafFloatMsSsim.Compute(x, y);
            for (int i = 0; i < LibvmafFloatMsSsim.Scales; i++)
            {
                terms.Add(expected[f][$"float_ms_ssim_l_scale{i}"], ms.L[i], $"{row} scale {i}");
                terms.Add(expected[f][$"float_ms_ssim_c_scale{i}"], ms.C[i], $"{row} scale {i}");
                terms.Add(expected[f][$"float_ms_ssim_s_scale{i}"], ms.S[i], $"{row} scale {i}");
            }
        }
        ssim.Check();
        terms.Check();
    }

    [FfmpegTheory]
    [MemberData(nameof(Clips))]
    public void PsnrMatchesTheVmafTool(string clip)
    {
        string[] names = ["psnr_y", "psnr_cb", "psnr_cr"];
        var plain = names.Select(n => new Agreement(output, n, Printed)).ToArray();
        var ctc = names.Select(n => new Agreement(output, $"{n} (reduced_hbd_peak, min_sse 0.5)", Printed)).ToArray();
        var ctcOptions = new LibvmafPsnrOptions { ReducedHbdPeak = true, MinSse = 0.5 };
        var apsnr = new LibvmafApsnr();
        ForEachFrame(clip, clip, (f, reference, distorted, expected, ctcExpected) =>
        {
            var scores = LibvmafPsnr.Compute(reference, distorted);
            var ctcScores = LibvmafPsnr.Compute(reference, distorted, ctcOptions);
            apsnr.Add(ctcScores);
            for (int p = 0; p < 3; p++)
            {
                plain[p].Add(expected[names[p]], scores.Planes[p].Psnr, $"{clip} frame {f}");
                ctc[p].Add(ctcExpected[names[p]], ctcScores.Planes[p].Psnr, $"{clip} frame {f}");
            }
        });
        var aggregate = new Agreement(output, "apsnr_y/cb/cr", Printed);
        var aggregates = CompatReference.VmafAggregates(clip + "_ctc");
        var values = apsnr.Values();
        for (int p = 0; p < 3; p++)
            aggregate.Add(aggregates["a" + names[p]], values[p], clip);
        foreach (var agreement in plain.Concat(ctc).Append(aggregate))
            agreement.Check();
    }

    [FfmpegTheory]
    [MemberData(nameof(Identical))]
    public void IdenticalFramesScoreAsTheVmafToolCapsThem(string clip)
    {
        // Identical frames: SSIM and MS-SSIM exactly 1 (their dB capped by clip_db); PSNR capped at 6 bpc + 12,
        // or by min_sse. The tool's JSON has them all, so nothing here is infinite.
        var checks = new Agreement(output, "identical frames, every metric", Printed);
        var ctcPsnr = new LibvmafPsnrOptions { ReducedHbdPeak = true, MinSse = 0.5 };
        ForEachFrame(clip, "same_" + clip, (f, reference, _, expected, ctc) =>
        {
            string row = $"{clip} frame {f}";
            checks.Add(expected["float_ssim"], LibvmafFloatSsim.Compute(reference.Y, reference.Y).Score, row);
            checks.Add(expected["float_ms_ssim"], LibvmafFloatMsSsim.Compute(reference.Y, reference.Y).Score, row);
            checks.Add(ctc["float_ssim"], LibvmafFloatSsim.Compute(reference.Y, reference.Y, new() { EnableDb = true, ClipDb = true }).Score, row);
            checks.Add(ctc["float_ms_ssim"], LibvmafFloatMsSsim.Compute(reference.Y, reference.Y, new() { EnableDb = true, ClipDb = true }).Score, row);
            var psnr = LibvmafPsnr.Compute(reference, reference);
            var capped = LibvmafPsnr.Compute(reference, reference, ctcPsnr);
            foreach (var (name, p) in new[] { ("psnr_y", 0), ("psnr_cb", 1), ("psnr_cr", 2) })
            {
                checks.Add(expected[name], psnr.Planes[p].Psnr, row);
                checks.Add(ctc[name], capped.Planes[p].Psnr, row);
            }
            // Without clip_db the dB of SSIM 1 is infinite (the tool's JSON writes null).
            Assert.Equal(double.PositiveInfinity, LibvmafFloatSsim.Compute(reference.Y, reference.Y, new() { EnableDb = true }).Score);
        });
        checks.Check();
    }

    private delegate void FrameCheck(int frame, SampleFrame reference, SampleFrame distorted,
        IReadOnlyDictionary<string, double> expected, IReadOnlyDictionary<string, double> ctc);

    /// <summary>Runs <paramref name="check"/> on each frame with the tool's default and CTC outputs of <paramref name="stem"/>.</summary>
    private void ForEachFrame(string clip, string stem, FrameCheck check)
    {
        var expected = CompatReference.VmafFrames(stem);
        var ctc = CompatReference.VmafFrames(stem + "_ctc");
        var refs = clips.Frames(clip, "ref");
        var dists = clips.Frames(clip, "dist");
        Assert.Equal(refs.Count, expected.Count);
        for (int f = 0; f < refs.Count; f++)
            check(f, CompatClips.LibvmafSamples(refs[f]), CompatClips.LibvmafSamples(dists[f]), expected[f], ctc[f]);
    }
}
