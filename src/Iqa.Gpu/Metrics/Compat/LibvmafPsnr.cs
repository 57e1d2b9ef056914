namespace Iqa.Gpu.Metrics.Compat;

/// <summary>
/// libvmaf's psnr feature (libvmaf 3.x: feature/integer_psnr.c): per plane, the integer sum of squared errors,
/// mse = sse / (w h), psnr = min(10 log10(peak^2 / max(mse, 1e-16)), psnr_max). peak is 2^bpc - 1 (255 x 2^(bpc-8)
/// with reduced_hbd_peak; always 255 at 8 bits); psnr_max is 6 bpc + 12 (60 dB at 8 bits, 72 at 10), or with
/// min_sse, ceil(10 log10(peak^2 / (min_sse / (w h)))) of that plane. Identical planes therefore score psnr_max,
/// never infinity.
/// <para>libvmaf's pictures have 4:2:0 chroma planes of (w &gt;&gt; 1) x (h &gt;&gt; 1): for odd frame sizes pass
/// planes of that size (a narrower view of a rounded-up plane, same stride) to reproduce it.</para>
/// </summary>
public static class LibvmafPsnr
{
    private const string Name = "libvmaf psnr";

    /// <summary>psnr_y, psnr_cb, psnr_cr of one frame (psnr_y alone for a gray frame or without enable_chroma).</summary>
    public static LibvmafPsnrScores Compute(SampleFrame reference, SampleFrame distorted, LibvmafPsnrOptions? options = null)
    {
        options ??= new LibvmafPsnrOptions();
        reference.CheckSameShape(distorted, Name);
        int bpc = reference.BitDepth;
        LibvmafPicture.CheckBitDepth(bpc, Name);
        if (!(options.MinSse >= 0) || double.IsInfinity(options.MinSse))
            throw new IqaException($"{Name}: min_sse must be a finite number of at least 0, not {options.MinSse}");
        uint peak = Peak(bpc, options.ReducedHbdPeak);
        int planes = options.EnableChroma ? reference.PlaneCount : 1;
        var scores = new LibvmafPsnrPlane[planes];
        for (int p = 0; p < planes; p++)
        {
            SamplePlane a = reference[p], b = distorted[p];
            ulong sse = SquaredError.Sum(a, b);
            uint samples = unchecked((uint)a.Width * (uint)a.Height);
            double mse = (double)sse / samples;
            // psnr() at 8 bits uses 255 whatever the options; psnr_hbd() the configured peak.
            uint psnrPeak = bpc == 8 ? 255u : peak;
            double psnr = 10.0 * Math.Log10(psnrPeak * psnrPeak / (mse > 1e-16 ? mse : 1e-16));
            double max = PsnrMax(bpc, peak, options.MinSse, samples);
            scores[p] = new LibvmafPsnrPlane(sse, samples, mse, psnr < max ? psnr : max);
        }
        return new LibvmafPsnrScores(scores, peak);
    }

    /// <summary>init(): 2^bpc - 1, or 255 x 2^(bpc - 8) with reduced_hbd_peak.</summary>
    private static uint Peak(int bpc, bool reducedHbdPeak) => reducedHbdPeak ? 255u << (bpc - 8) : (1u << bpc) - 1;

    /// <summary>init()'s psnr_max of a plane of <paramref name="samples"/> samples.</summary>
    private static double PsnrMax(int bpc, uint peak, double minSse, uint samples) =>
        minSse != 0 ? Math.Ceiling(10.0 * Math.Log10(peak * peak / (minSse / samples))) : 6 * bpc + 12;
}

/// <summary>The options of libvmaf's psnr feature, named as libvmaf names them.</summary>
public sealed record LibvmafPsnrOptions
{
    /// <summary>enable_chroma (default true): psnr_cb and psnr_cr too.</summary>
    public bool EnableChroma { get; init; } = true;

    /// <summary>reduced_hbd_peak: peak 255 x 2^(bpc - 8) instead of 2^bpc - 1 beyond 8 bits.</summary>
    public bool ReducedHbdPeak { get; init; }

    /// <summary>min_sse: with a positive value, caps each plane's PSNR at the value of that SSE instead of 6 bpc + 12.</summary>
    public double MinSse { get; init; }
}

/// <summary>One plane's psnr and what it came from.</summary>
/// <param name="Sse">Sum of squared errors.</param>
/// <param name="Samples">Samples in the plane (w h).</param>
/// <param name="Mse">mse_y / mse_cb / mse_cr (enable_mse).</param>
/// <param name="Psnr">psnr_y / psnr_cb / psnr_cr.</param>
public readonly record struct LibvmafPsnrPlane(ulong Sse, uint Samples, double Mse, double Psnr);

/// <summary>What libvmaf's psnr reports for one frame.</summary>
/// <param name="Planes">Y, then Cb and Cr when computed.</param>
/// <param name="Peak">The peak value used (for <see cref="LibvmafApsnr"/>).</param>
public sealed record LibvmafPsnrScores(IReadOnlyList<LibvmafPsnrPlane> Planes, uint Peak)
{
    public double PsnrY => Planes[0].Psnr;
}

/// <summary>
/// libvmaf's APSNR (psnr with enable_apsnr: flush() in feature/integer_psnr.c), the aggregate over a clip:
/// 10 (log10(peak^2) + log10(n) - log10(sse)) of the summed SSE and sample counts of every frame,
/// capped at ceil(10 log10(2 peak^2 n)).
/// </summary>
public sealed class LibvmafApsnr
{
    private readonly ulong[] _sse = new ulong[3];
    private readonly ulong[] _samples = new ulong[3];
    private uint _peak;
    private int _planes = 3;

    /// <summary>Adds one frame's planes.</summary>
    public void Add(LibvmafPsnrScores frame)
    {
        if (_samples[0] > 0 && frame.Peak != _peak)
            throw new IqaException($"libvmaf apsnr: frames of peak {_peak} and {frame.Peak} in one clip");
        _peak = frame.Peak;
        _planes = Math.Min(_planes, frame.Planes.Count);
        for (int p = 0; p < frame.Planes.Count; p++)
        {
            _sse[p] += frame.Planes[p].Sse;
            _samples[p] += frame.Planes[p].Samples;
        }
    }

    /// <summary>apsnr_y, apsnr_cb, apsnr_cr so far (the planes every added frame had).</summary>
    public IReadOnlyList<double> Values()
    {
        if (_samples[0] == 0)
            throw new IqaException("libvmaf apsnr: no frame was added");
        var values = new double[_planes];
        for (int p = 0; p < _planes; p++)
        {
            double apsnr = 10 * (Math.Log10(_peak * _peak) + Math.Log10(_samples[p]) - Math.Log10(_sse[p]));
            double max = Math.Ceiling(10 * Math.Log10(unchecked(_peak * _peak * _samples[p] * 2)));
            values[p] = apsnr < max ? apsnr : max;
        }
        return values;
    }
}
