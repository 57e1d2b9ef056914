namespace Iqa.Gpu.Metrics.Compat;

/// <summary>
/// libvmaf's float_ms_ssim feature (libvmaf 3.x: feature/float_ms_ssim.c, compute_ms_ssim in
/// feature/ms_ssim.c) on the luma plane: five scales, each decimated by 2 from the previous one with the
/// 9x9 9/7 biorthogonal low-pass (g_lpf, mirrored edges; <see cref="LibvmafDecimate"/>), each scale's
/// <see cref="LibvmafSsimCore"/> means l, c, s (float32) combined as the product over scales of
/// l^alpha c^beta s^gamma in double (Wang's exponents, alpha 0 except at the coarsest scale). No automatic
/// downsampling; the picture must be at least 176x176 (11 samples at the fifth scale, halving rounding down).
/// </summary>
public static class LibvmafFloatMsSsim
{
    private const string Name = "libvmaf float_ms_ssim";
    public const int Scales = 5;
    private const int LowPassTaps = 9;

    // g_lpf of feature/ms_ssim.c, row-major.
    private static readonly float[] LowPass =
    [
        0.000714f, -0.000450f, -0.002090f, 0.007132f, 0.016114f, 0.007132f, -0.002090f, -0.000450f, 0.000714f,
        -0.000450f, 0.000283f, 0.001316f, -0.004490f, -0.010146f, -0.004490f, 0.001316f, 0.000283f, -0.000450f,
        -0.002090f, 0.001316f, 0.006115f, -0.020867f, -0.047149f, -0.020867f, 0.006115f, 0.001316f, -0.002090f,
        0.007132f, -0.004490f, -0.020867f, 0.071207f, 0.160885f, 0.071207f, -0.020867f, -0.004490f, 0.007132f,
        0.016114f, -0.010146f, -0.047149f, 0.160885f, 0.363505f, 0.160885f, -0.047149f, -0.010146f, 0.016114f,
        0.007132f, -0.004490f, -0.020867f, 0.071207f, 0.160885f, 0.071207f, -0.020867f, -0.004490f, 0.007132f,
        -0.002090f, 0.001316f, 0.006115f, -0.020867f, -0.047149f, -0.020867f, 0.006115f, 0.001316f, -0.002090f,
        -0.000450f, 0.000283f, 0.001316f, -0.004490f, -0.010146f, -0.004490f, 0.001316f, 0.000283f, -0.000450f,
        0.000714f, -0.000450f, -0.002090f, 0.007132f, 0.016114f, 0.007132f, -0.002090f, -0.000450f, 0.000714f,
    ];

    // g_alphas, g_betas, g_gammas of feature/ms_ssim.c.
    private static readonly float[] Alphas = [0.0000f, 0.0000f, 0.0000f, 0.0000f, 0.1333f];
    private static readonly float[] Betas = [0.0448f, 0.2856f, 0.3001f, 0.2363f, 0.1333f];
    private static readonly float[] Gammas = [0.0448f, 0.2856f, 0.3001f, 0.2363f, 0.1333f];

    /// <summary>The scores float_ms_ssim reports for one frame.</summary>
    /// <param name="reference">The reference luma plane (8, 10, 12 or 16 bits).</param>
    /// <param name="distorted">The distorted luma plane, same size and bit depth.</param>
    public static LibvmafMsSsimScores Compute(SamplePlane reference, SamplePlane distorted, LibvmafMsSsimOptions? options = null)
    {
        options ??= new LibvmafMsSsimOptions();
        reference.CheckSameShape(distorted, Name);
        LibvmafPicture.CheckBitDepth(reference.BitDepth, Name);
        int w = reference.Width, h = reference.Height;
        // compute_ms_ssim's check ("scale below 1x1"): every scale at least 11x11, sizes halved rounding down.
        for (int i = 0, cw = w, ch = h; i < Scales; i++, cw /= 2, ch /= 2)
            if (cw < LibvmafSsimCore.Taps || ch < LibvmafSsimCore.Taps)
                throw new IqaException($"{Name}: a {w}x{h} picture is too small for 5 scales of the 11x11 window (at least 176x176)");

        var l = new double[Scales];
        var c = new double[Scales];
        var s = new double[Scales];
        double msSsim = 1.0;
        var x = LibvmafPicture.From(reference);
        var y = LibvmafPicture.From(distorted);
        try
        {
            for (int i = 0; ; i++)
            {
                var means = LibvmafSsimCore.Compute(x, y);
                msSsim *= Math.Pow(means.L, Alphas[i]) * Math.Pow(means.C, Betas[i]) * Math.Pow(means.S, Gammas[i]);
                (l[i], c[i], s[i]) = (means.L, means.C, means.S);
                if (i == Scales - 1)
                    break;
                var (previousX, previousY) = (x, y);
                x = LibvmafDecimate.Apply(previousX, 2, LowPass, LowPassTaps);
                previousX.Dispose();
                y = LibvmafDecimate.Apply(previousY, 2, LowPass, LowPassTaps);
                previousY.Dispose();
            }
        }
        finally
        {
            x.Dispose();
            y.Dispose();
        }
        if (options.EnableDb)
            msSsim = LibvmafDb.ToDb(msSsim, LibvmafDb.MaxDb(options.ClipDb, reference.Width, reference.Height, reference.BitDepth));
        return new LibvmafMsSsimScores(msSsim, l, c, s);
    }
}

/// <summary>What libvmaf's float_ms_ssim reports for one frame.</summary>
/// <param name="Score">float_ms_ssim, or its dB form with enable_db.</param>
/// <param name="L">float_ms_ssim_l_scale0..4 (enable_lcs): each scale's mean luminance term (float32 values).</param>
/// <param name="C">float_ms_ssim_c_scale0..4: each scale's mean contrast term.</param>
/// <param name="S">float_ms_ssim_s_scale0..4: each scale's mean structure term.</param>
public sealed record LibvmafMsSsimScores(double Score, IReadOnlyList<double> L, IReadOnlyList<double> C, IReadOnlyList<double> S);
