namespace Iqa.Gpu.Metrics.Compat;

/// <summary>
/// FFmpeg's psnr filter (libavfilter/vf_psnr.c, FFmpeg 5.1): per plane the integer sum of squared errors,
/// mse = sse / (w h) and psnr = 10 log10(max^2 / mse) with max = 2^depth - 1; the average mse weighted by
/// plane sizes, its psnr with the size-weighted max (rounded to an integer). No cap: identical planes give
/// mse 0 and psnr +infinity, which FFmpeg prints as "inf". The filter's "main" input is the distorted one
/// and "reference" the other; the result does not depend on which is which.
/// </summary>
public static class FfmpegPsnr
{
    private const string Name = "ffmpeg psnr";

    public static FfmpegPsnrScores Compute(SampleFrame main, SampleFrame reference)
    {
        main.CheckSameShape(reference, Name);
        int n = main.PlaneCount;
        uint max = (1u << main.BitDepth) - 1;
        // config_input_ref: plane weights from the sizes, the average max rounded (lrint) from the weighted maxes.
        uint total = 0;
        for (int p = 0; p < n; p++)
            total += (uint)main[p].Width * (uint)main[p].Height;
        var planes = new FfmpegPsnrPlane[n];
        double mse = 0, averageMax = 0;
        for (int p = 0; p < n; p++)
        {
            double weight = (double)main[p].Height * main[p].Width / total;
            averageMax += max * weight;
            ulong sse = SquaredError.Sum(main[p], reference[p]);
            double planeMse = sse / ((double)main[p].Width * main[p].Height);
            planes[p] = new FfmpegPsnrPlane(sse, planeMse, Psnr(planeMse, max));
            mse += planeMse * weight;
        }
        return new FfmpegPsnrScores(planes, mse, Psnr(mse, (uint)Math.Round(averageMax, MidpointRounding.ToEven)));
    }

    /// <summary>get_psnr with one frame: 10 log10(max^2 / mse).</summary>
    private static double Psnr(double mse, uint max) => 10.0 * Math.Log10(max * max / mse);
}

/// <summary>One plane's figures.</summary>
/// <param name="Sse">Sum of squared errors.</param>
/// <param name="Mse">mse_y / mse_u / mse_v of the stats file (lavfi.psnr.mse.y ... in the frame metadata).</param>
/// <param name="Psnr">psnr_y / psnr_u / psnr_v; +infinity for identical planes.</param>
public readonly record struct FfmpegPsnrPlane(ulong Sse, double Mse, double Psnr);

/// <summary>What FFmpeg's psnr filter reports for one frame.</summary>
/// <param name="Planes">Y, U, V (or the gray plane alone).</param>
/// <param name="MseAverage">mse_avg: the plane mses weighted by plane size.</param>
/// <param name="PsnrAverage">psnr_avg; +infinity for identical frames.</param>
public sealed record FfmpegPsnrScores(IReadOnlyList<FfmpegPsnrPlane> Planes, double MseAverage, double PsnrAverage);
