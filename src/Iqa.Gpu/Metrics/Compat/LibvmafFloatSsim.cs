namespace Iqa.Gpu.Metrics.Compat;

/// <summary>
/// libvmaf's float_ssim feature (libvmaf 3.x: feature/float_ssim.c, compute_ssim in feature/ssim.c) on the
/// luma plane: the picture as float32 on the 8-bit scale (<see cref="LibvmafPicture"/>), decimated by the
/// scale factor with a box filter (<see cref="LibvmafDecimate"/>), then <see cref="LibvmafSsimCore"/>. The
/// score is the float32 mean, as libvmaf reports it.
/// </summary>
public static class LibvmafFloatSsim
{
    private const string Name = "libvmaf float_ssim";

    /// <summary>The scores float_ssim reports for one frame.</summary>
    /// <param name="reference">The reference luma plane (8, 10, 12 or 16 bits).</param>
    /// <param name="distorted">The distorted luma plane, same size and bit depth.</param>
    public static LibvmafSsimScores Compute(SamplePlane reference, SamplePlane distorted, LibvmafSsimOptions? options = null)
    {
        options ??= new LibvmafSsimOptions();
        reference.CheckSameShape(distorted, Name);
        LibvmafPicture.CheckBitDepth(reference.BitDepth, Name);
        int w = reference.Width, h = reference.Height;
        if (options.Scale is < 0 or > 10)
            throw new IqaException($"{Name}: scale must be 0 (automatic) to 10, not {options.Scale}");
        int scale = options.Scale == 0 ? AutoScale(w, h) : options.Scale;
        int sw = scale > 1 ? w / scale + (w & 1) : w, sh = scale > 1 ? h / scale + (h & 1) : h;
        if (sw < LibvmafSsimCore.Taps || sh < LibvmafSsimCore.Taps)
            throw new IqaException(scale > 1
                ? $"{Name}: a {w}x{h} picture decimated by {scale} ({sw}x{sh}) is smaller than the 11x11 window"
                : $"{Name}: a {w}x{h} picture is smaller than the 11x11 window");

        var means = Means(reference, distorted, scale);
        double score = means.Ssim;
        if (options.EnableDb)
            score = LibvmafDb.ToDb(score, LibvmafDb.MaxDb(options.ClipDb, w, h, reference.BitDepth));
        return new LibvmafSsimScores(score, means.L, means.C, means.S, scale);
    }

    private static LibvmafSsimCore.Means Means(SamplePlane reference, SamplePlane distorted, int scale)
    {
        using var x = LibvmafPicture.From(reference);
        using var y = LibvmafPicture.From(distorted);
        if (scale == 1)
            return LibvmafSsimCore.Compute(x, y);
        // compute_ssim's low-pass: scale x scale weights of 1.0f / (scale * scale).
        var box = new float[scale * scale];
        Array.Fill(box, 1f / (scale * scale));
        using var xs = LibvmafDecimate.Apply(x, scale, box, scale);
        using var ys = LibvmafDecimate.Apply(y, scale, box, scale);
        return LibvmafSsimCore.Compute(xs, ys);
    }

    /// <summary>
    /// compute_ssim's automatic factor: max(1, round(min(w, h) / 256)), halves rounded up (384 gives 2,
    /// 383 gives 1, 1080 gives 4).
    /// </summary>
    public static int AutoScale(int width, int height) => Math.Max(1, (Math.Min(width, height) + 128) / 256);
}

/// <summary>What libvmaf's float_ssim reports for one frame.</summary>
/// <param name="Score">float_ssim: the mean SSIM (its float32 value), or its dB form with enable_db.</param>
/// <param name="L">float_ssim_l (enable_lcs): the mean luminance term.</param>
/// <param name="C">float_ssim_c (enable_lcs): the mean contrast term.</param>
/// <param name="S">float_ssim_s (enable_lcs): the mean structure term.</param>
/// <param name="Scale">The decimation factor used.</param>
public readonly record struct LibvmafSsimScores(double Score, double L, double C, double S, int Scale);
