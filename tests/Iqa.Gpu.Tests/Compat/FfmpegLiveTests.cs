using Iqa.Gpu.Metrics.Compat;
using Iqa.Gpu.Tests.Video;
using Iqa.Gpu.Video;
using Xunit.Abstractions;

namespace Iqa.Gpu.Tests.Compat;

/// <summary>
/// FFmpeg's ssim and psnr filters run live (its C code, -cpuflags 0) on random frames of the layouts and sizes
/// the stored references do not have: widths and heights that are not multiples of 4 or 16, the smallest
/// planes the ssim filter accepts, 4:2:2, 4:4:4, gray, 9 to 16 bits.
/// </summary>
public sealed class FfmpegLiveTests(ITestOutputHelper output)
{
    private const double Printed = 5e-7 + 1e-12;

    [FfmpegTheory]
    [InlineData("yuv420p", 37, 22)]
    [InlineData("yuv420p", 16, 16)]
    [InlineData("yuv420p", 44, 20)]
    [InlineData("yuv422p", 29, 13)]
    [InlineData("yuv444p", 8, 8)]
    [InlineData("gray", 101, 9)]
    [InlineData("yuv420p9le", 30, 34)]
    [InlineData("yuv420p10le", 37, 22)]
    [InlineData("yuv422p12le", 52, 17)]
    [InlineData("yuv444p14le", 23, 41)]
    [InlineData("gray16le", 64, 12)]
    public void MatchesFfmpegsFilters(string pixelFormat, int width, int height)
    {
        var format = VideoPixelFormat.Parse(pixelFormat);
        var reference = TestClip.Random(width, height, format, frames: 2, seed: width * height);
        var distorted = reference.WithNoise(format.MaxValue / 10, seed: width + height);
        using var temp = new TempDirectory();
        string refPath = temp.Write("ref.y4m", reference.ToY4m());
        string distPath = temp.Write("dist.y4m", distorted.ToY4m());
        string ssimLog = temp.File("ssim.log"), metadata = temp.File("meta.txt");
        FfmpegFrameSourceTests.Ffmpeg("-cpuflags", "0", "-i", distPath, "-i", refPath, "-lavfi",
            $"[0:v][1:v]ssim=stats_file={ssimLog}[m];[m][1:v]psnr,metadata=print:file={metadata}", "-f", "null", "-");

        string[] ssimNames = format.Subsampling == ChromaSubsampling.Mono ? ["Y"] : ["Y", "U", "V"];
        var ssim = new Agreement(output, $"{pixelFormat} {width}x{height} ssim planes, All, dB", Printed);
        var psnr = new Agreement(output, $"{pixelFormat} {width}x{height} lavfi.psnr (float32)", Printed);
        var stats = CompatReference.FfmpegStats(ssimLog);
        var meta = CompatReference.FfmpegMetadata(metadata);
        for (int f = 0; f < 2; f++)
        {
            var main = Frame(distorted, f);
            var refFrame = Frame(reference, f);
            var s = FfmpegSsim.Compute(main, refFrame);
            var p = FfmpegPsnr.Compute(main, refFrame);
            for (int i = 0; i < ssimNames.Length; i++)
            {
                ssim.Add(stats[f][ssimNames[i]], s.Planes[i], $"frame {f} plane {ssimNames[i]}");
                string plane = ssimNames[i].ToLowerInvariant();
                psnr.Add(meta[f]["psnr.mse." + plane], (float)p.Planes[i].Mse, $"frame {f} mse {plane}");
                psnr.Add(meta[f]["psnr.psnr." + plane], (float)p.Planes[i].Psnr, $"frame {f} psnr {plane}");
            }
            ssim.Add(stats[f]["All"], s.All, $"frame {f} All");
            ssim.Add(stats[f]["dB"], s.Db, $"frame {f} dB");
            psnr.Add(meta[f]["psnr.mse_avg"], (float)p.MseAverage, $"frame {f} mse_avg");
            psnr.Add(meta[f]["psnr.psnr_avg"], (float)p.PsnrAverage, $"frame {f} psnr_avg");
        }
        ssim.Check();
        psnr.Check();
    }

    /// <summary>Frame <paramref name="index"/> of a test clip as sample planes (rows unpadded).</summary>
    private static SampleFrame Frame(TestClip clip, int index)
    {
        var planes = clip.Frames[index];
        SamplePlane Plane(int p)
        {
            var (w, h) = clip.PlaneSize(p);
            return clip.Format.BitDepth == 8
                ? new SamplePlane(planes[p].Select(v => (byte)v).ToArray(), w, h, w)
                : new SamplePlane(planes[p], w, h, w, clip.Format.BitDepth);
        }
        return planes.Length == 1 ? new SampleFrame(Plane(0)) : new SampleFrame(Plane(0), Plane(1), Plane(2));
    }
}
