using Iqa.Gpu.Devices;

namespace Iqa.Gpu.Metrics.Compat;

/// <summary>
/// FFmpeg's ssim filter (libavfilter/vf_ssim.c, FFmpeg 5.1, its C code) per plane: integer sums of a, b,
/// a^2 + b^2 and ab over 4x4 blocks; windows of 2x2 blocks (8x8 samples) at a stride of 4; per window
/// <c>(2 s1 s2 + c1)(2 cov + c2) / ((s1^2 + s2^2 + c1)(var + c2))</c> on the 64-fold sums
/// (<c>var = 64 ss - s1^2 - s2^2</c>, <c>cov = 64 s12 - s1 s2</c>) with the four factors converted to float32
/// and multiplied and divided in float32; c1 = round(0.01^2 max^2 64), c2 = round(0.03^2 max^2 64 63), max =
/// 2^depth - 1. At 8 bits the integers are 32-bit and the windows of a row are summed in double; deeper, they
/// are 64-bit and a row's windows are summed in float32 first. The plane's value is the mean over the
/// ((w/4) - 1) x ((h/4) - 1) windows (the last w mod 4 columns and h mod 4 rows are never read); "All" weights
/// the planes by their sizes; dB is 10 log10(1 / (1 - All)), +infinity within 1e-9 of 1.
/// <para>FFmpeg's x86 builds replace the 8-bit row sum by SSE4 assembly (ff_ssim_end_line_sse4) that, for planes
/// whose width w has (w/4) mod 4 = 2 (w mod 16 in 8..11, e.g. 4:2:0 chroma of 720-wide video), drops the row's
/// last window and adds one computed from stale memory instead; the result then depends on the thread count.
/// This is the C code's value (what <c>ffmpeg -cpuflags 0</c> prints); for all other widths the two agree.</para>
/// </summary>
public static class FfmpegSsim
{
    private const string Name = "ffmpeg ssim";

    /// <summary>Y, U, V (or the gray plane), All and dB of one frame.</summary>
    public static FfmpegSsimScores Compute(SampleFrame main, SampleFrame reference)
    {
        main.CheckSameShape(reference, Name);
        int n = main.PlaneCount;
        var planes = new double[n];
        int total = 0;
        for (int p = 0; p < n; p++)
        {
            planes[p] = Plane(main[p], reference[p]);
            total += main[p].Width * main[p].Height;
        }
        double all = 0;
        for (int p = 0; p < n; p++)
            all += (double)main[p].Height * main[p].Width / total * planes[p];
        return new FfmpegSsimScores(planes, all, Db(all));
    }

    /// <summary>The SSIM of one plane.</summary>
    public static double Plane(SamplePlane main, SamplePlane reference)
    {
        main.CheckSameShape(reference, Name);
        int blocksX = main.Width >> 2, blocksY = main.Height >> 2;
        if (blocksX < 2 || blocksY < 2)
            throw new IqaException($"{Name}: a {main.Width}x{main.Height} plane is smaller than one 8x8 window");
        int bitDepth = main.BitDepth;
        double sum = PinnedPlane.With(main, reference, (a, b) =>
        {
            var rows = new double[blocksY - 1];
            int bands = CpuParallel.Parts(blocksY - 1, 2);
            CpuParallel.For(bands, band =>
            {
                int y0 = 1 + CpuParallel.Start(band, bands, blocksY - 1), y1 = 1 + CpuParallel.Start(band + 1, bands, blocksY - 1);
                var previous = new FfmpegSsimBlocks(blocksX);
                var current = new FfmpegSsimBlocks(blocksX);
                previous.Fill(a, b, y0 - 1, bitDepth);
                for (int y = y0; y < y1; y++)
                {
                    current.Fill(a, b, y, bitDepth);
                    rows[y - 1] = bitDepth == 8 ? current.RowSum8(previous) : current.RowSumDeep(previous, bitDepth);
                    (previous, current) = (current, previous);
                }
            });
            // Rows in order: the sum does not depend on the bands (FFmpeg's slices only regroup it, ~1e-16).
            double total = 0;
            foreach (double row in rows)
                total += row;
            return total;
        });
        return sum / ((blocksX - 1) * (blocksY - 1));
    }

    /// <summary>ssim_db(ssim, 1): 10 log10(1 / (1 - ssim)), +infinity when |1 - ssim| &lt;= 1e-9.</summary>
    public static double Db(double ssim) => Math.Abs(1.0 - ssim) > 1e-9 ? 10.0 * Math.Log10(1.0 / (1.0 - ssim)) : double.PositiveInfinity;
}

/// <summary>What FFmpeg's ssim filter reports for one frame.</summary>
/// <param name="Planes">Y, U, V (or the gray plane alone).</param>
/// <param name="All">The planes' values weighted by plane size.</param>
/// <param name="Db">10 log10(1 / (1 - All)); +infinity for identical frames.</param>
public sealed record FfmpegSsimScores(IReadOnlyList<double> Planes, double All, double Db);
