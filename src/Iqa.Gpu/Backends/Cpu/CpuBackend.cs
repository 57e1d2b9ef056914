using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics.Niqe;

namespace Iqa.Gpu.Backends.Cpu;

/// <summary>The production CPU backend: vectorized C# (System.Numerics.Vector, FMA) with Parallel.For over rows.</summary>
public sealed class CpuBackend : IComputeBackend
{
    public string Name => "cpu";

    public string DeviceName => $"{Environment.ProcessorCount} cores, {System.Numerics.Vector<float>.Count}-lane float vectors";

    public IDevicePlane Upload(Plane plane) => new CpuPlane(plane);

    public IDevicePlane BoxDownsample(IDevicePlane source, int factor) => CpuResampling.BoxDownsample(CpuPlane.Of(source), factor);

    public SsimMeans[] SsimScales(IDevicePlane x, IDevicePlane y, SsimParameters parameters, int scales)
    {
        var means = new SsimMeans[scales];
        CpuPlane a = CpuPlane.Of(x), b = CpuPlane.Of(y);
        for (int s = 0; s < scales; s++)
        {
            if (s > 0)
            {
                a = CpuResampling.BoxDownsample(a, 2);
                b = CpuResampling.BoxDownsample(b, 2);
            }
            means[s] = CpuSsim.Compute(a, b, parameters);
        }
        return means;
    }

    public double SumSquaredError(IDevicePlane x, IDevicePlane y) =>
        CpuReductions.SumSquaredError(CpuPlane.Of(x), CpuPlane.Of(y));

    public NiqeBlockStatistics NiqeBlockStatistics(double[] image, int width, int height, int blockSize) =>
        NiqeCalculator.HostStatistics(image, width, height, blockSize, vectorized: true);

    public void Dispose() { }
}
