namespace Iqa.Gpu.Metrics;

/// <summary>Whose code the SSIM family and PSNR reproduce: the reference code (MATLAB), or a tool's (docs/compat-profiles.md).</summary>
public enum ToolConventions
{
    /// <summary>Wang's ssim.m and msssim.m, PSNR on the data range.</summary>
    Reference,

    /// <summary>libvmaf 3.2's float_ssim, float_ms_ssim and psnr (psnr_y, capped at 6 bpc + 12 dB).</summary>
    Libvmaf,

    /// <summary>FFmpeg 5.1's ssim and psnr filters (block SSIM; PSNR without a cap).</summary>
    Ffmpeg,
}
