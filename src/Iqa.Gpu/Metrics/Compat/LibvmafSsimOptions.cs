namespace Iqa.Gpu.Metrics.Compat;

/// <summary>The options of libvmaf's float_ssim feature, named as libvmaf names them.</summary>
public sealed record LibvmafSsimOptions
{
    /// <summary>Decimation factor: 0 (default) picks max(1, round(min(w, h) / 256)); 1 keeps full resolution; up to 10.</summary>
    public int Scale { get; init; }

    /// <summary>enable_db: report -10 log10(1 - SSIM) instead of SSIM.</summary>
    public bool EnableDb { get; init; }

    /// <summary>clip_db: cap the dB value at ceil(10 log10(peak^2 w h / 0.5)) (only with <see cref="EnableDb"/>).</summary>
    public bool ClipDb { get; init; }
}

/// <summary>The options of libvmaf's float_ms_ssim feature, named as libvmaf names them.</summary>
public sealed record LibvmafMsSsimOptions
{
    /// <summary>enable_db: report -10 log10(1 - MS-SSIM) instead of MS-SSIM.</summary>
    public bool EnableDb { get; init; }

    /// <summary>clip_db: cap the dB value at ceil(10 log10(peak^2 w h / 0.5)) (only with <see cref="EnableDb"/>).</summary>
    public bool ClipDb { get; init; }
}
