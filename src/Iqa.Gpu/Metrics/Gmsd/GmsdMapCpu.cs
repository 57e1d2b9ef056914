using Iqa.Gpu.Devices;

namespace Iqa.Gpu.Metrics.Gmsd;

/// <summary>The deviation map on the CPU: <see cref="GmsdCpu"/>'s map, kept instead of reduced.</summary>
internal sealed class GmsdMapCpu : IGmsdMapOperations
{
    public IDevicePlane DeviationMap(IDevicePlane reference, IDevicePlane distorted)
    {
        CpuPlane a = CpuPlane.Of(reference), b = CpuPlane.Of(distorted);
        int w = (a.Width + 1) / 2, h = (a.Height + 1) / 2;
        var map = new float[w * h];
        GmsdCpu.DeviationMap(a, b, map);
        return new CpuPlane(w, h, map);
    }
}
