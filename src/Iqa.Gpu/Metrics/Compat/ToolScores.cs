using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics.Ssim;

namespace Iqa.Gpu.Metrics.Compat;

/// <summary>
/// The ssim, ms_ssim and psnr rows under the <c>libvmaf</c> and <c>ffmpeg</c> profiles: the tools' computations
/// (<see cref="LibvmafFloatSsim"/>, <see cref="FfmpegSsim"/>, ...) on the inputs' integer planes, pooled over the
/// planes as the tool pools them. They run on the host whatever the device (<see cref="ComputedOn"/> says so).
/// </summary>
internal static class ToolScores
{
    /// <summary>libvmaf's float_ssim per plane (averaged over planes); FFmpeg's ssim filter, its All value over the planes.</summary>
    public static double Ssim(ToolConventions tool, IReadOnlyList<IntegerPlane> reference, IReadOnlyList<IntegerPlane> distorted, Downsample downsample) =>
        tool == ToolConventions.Libvmaf
            ? Average(reference, distorted, (r, d) =>
                LibvmafFloatSsim.Compute(Samples(r), Samples(d), new LibvmafSsimOptions { Scale = downsample.Auto ? 0 : downsample.Factor }).Score)
            : SizeWeighted(reference, distorted, (r, d) => FfmpegSsim.Plane(Samples(d), Samples(r)));

    /// <summary>libvmaf's float_ms_ssim per plane, averaged over planes.</summary>
    /// <exception cref="IqaException">FFmpeg computes no MS-SSIM.</exception>
    public static double MsSsim(ToolConventions tool, IReadOnlyList<IntegerPlane> reference, IReadOnlyList<IntegerPlane> distorted) =>
        tool == ToolConventions.Libvmaf
            ? Average(reference, distorted, (r, d) => LibvmafFloatMsSsim.Compute(Samples(r), Samples(d)).Score)
            : throw new IqaException("FFmpeg computes no MS-SSIM: profile ffmpeg scores ssim and psnr");

    /// <summary>libvmaf's psnr of each plane (psnr_y; capped), averaged over planes; FFmpeg's psnr average over the planes.</summary>
    public static double Psnr(ToolConventions tool, IReadOnlyList<IntegerPlane> reference, IReadOnlyList<IntegerPlane> distorted)
    {
        if (tool == ToolConventions.Libvmaf)
            return Average(reference, distorted, (r, d) =>
                LibvmafPsnr.Compute(new SampleFrame(Samples(r)), new SampleFrame(Samples(d)), new LibvmafPsnrOptions { EnableChroma = false }).PsnrY);
        return reference.Count == 1
            ? FfmpegPsnr.Compute(new SampleFrame(Samples(distorted[0])), new SampleFrame(Samples(reference[0]))).PsnrAverage
            : FfmpegPsnr.Compute(new SampleFrame(Samples(distorted[0]), Samples(distorted[1]), Samples(distorted[2])),
                new SampleFrame(Samples(reference[0]), Samples(reference[1]), Samples(reference[2]))).PsnrAverage;
    }

    /// <summary>Where a tool's computation runs when the scorer's device is not the CPU: on the host.</summary>
    public static string? ComputedOn(ToolConventions tool, IComputeDevice device, string feature) =>
        tool == ToolConventions.Reference || device is CpuDevice ? null
            : $"{CpuDevice.DescribeHost()}: {(tool == ToolConventions.Libvmaf ? "libvmaf" : "FFmpeg")} {feature}, host code";

    public static SamplePlane Samples(IntegerPlane plane) => plane.Bytes is { } bytes
        ? new SamplePlane(bytes, plane.Width, plane.Height, plane.Width)
        : new SamplePlane(plane.Words, plane.Width, plane.Height, plane.Width, plane.BitDepth);

    private static double Average(IReadOnlyList<IntegerPlane> reference, IReadOnlyList<IntegerPlane> distorted, Func<IntegerPlane, IntegerPlane, double> score)
    {
        double sum = 0;
        for (int p = 0; p < reference.Count; p++)
            sum += score(reference[p], distorted[p]);
        return sum / reference.Count;
    }

    /// <summary>FFmpeg's All: the planes' scores weighted by their sample counts (vf_ssim.c).</summary>
    private static double SizeWeighted(IReadOnlyList<IntegerPlane> reference, IReadOnlyList<IntegerPlane> distorted, Func<IntegerPlane, IntegerPlane, double> score)
    {
        double sum = 0, weight = 0;
        for (int p = 0; p < reference.Count; p++)
        {
            double samples = (double)reference[p].Width * reference[p].Height;
            sum += score(reference[p], distorted[p]) * samples;
            weight += samples;
        }
        return sum / weight;
    }
}
