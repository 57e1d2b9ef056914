using Iqa.Gpu.Devices;
using Iqa.Gpu.Metrics;

namespace Iqa.Gpu.Maps;

/// <summary>What the map sources share: read-back of device maps, averaging over colour planes, the profile check.</summary>
internal static class DeviceMaps
{
    /// <summary>The map's values in host memory: the CPU device's own array (no copy), else a read-back.</summary>
    public static float[] ToHost(IComputeDevice device, IDevicePlane plane) =>
        plane is CpuPlane cpu ? cpu.Data : device.Download(plane).Data;

    /// <summary>
    /// The per-sample mean over colour planes (<c>--color rgb</c>: the metric averages its per-channel scores, so the
    /// mean of this map is the score); one plane as it is.
    /// </summary>
    public static float[] Average(IReadOnlyList<float[]> planes)
    {
        if (planes.Count == 1)
            return planes[0];
        var mean = new float[planes[0].Length];
        float n = planes.Count;
        for (int i = 0; i < mean.Length; i++)
        {
            float sum = 0;
            foreach (var p in planes)
                sum += p[i];
            mean[i] = sum / n;
        }
        return mean;
    }

    /// <summary>Maps follow the reference conventions; the libvmaf and ffmpeg profiles score with the tools' own code, which has none.</summary>
    public static void RequireReferenceConventions(MetricContext context, MetricDescriptor metric)
    {
        if (context.Settings.Tool != ToolConventions.Reference)
            throw new IqaException(
                $"{metric.Name} maps and regions follow the reference conventions (profiles matlab, pyiqa); profile {context.Settings.Profile} scores with its tool's own code, which has no map");
    }
}
