namespace Iqa.Gpu.Metrics.Compat;

/// <summary>
/// The dB form of libvmaf's float_ssim and float_ms_ssim (option enable_db, with clip_db): convert_to_db and
/// the max_db of init() in feature/float_ssim.c and feature/float_ms_ssim.c.
/// </summary>
internal static class LibvmafDb
{
    /// <summary>
    /// The dB cap: with clip_db, 10 log10(peak^2 / mse) rounded up, mse being half a code value squared spread
    /// over the luma plane (0.5 / (w h)) and peak 2^bpc - 1; without it, +infinity.
    /// </summary>
    public static double MaxDb(bool clip, int width, int height, int bitDepth)
    {
        if (!clip)
            return double.PositiveInfinity;
        uint peak = (1u << bitDepth) - 1;
        double mse = 0.5 / unchecked((uint)width * (uint)height);
        return Math.Ceiling(10.0 * Math.Log10(peak * peak / mse));
    }

    /// <summary>MIN(-10 log10(1 - score), max_db): +infinity for a score of 1 without clip_db.</summary>
    public static double ToDb(double score, double maxDb)
    {
        double db = -10.0 * Math.Log10(1 - score);
        return db < maxDb ? db : maxDb;
    }
}
