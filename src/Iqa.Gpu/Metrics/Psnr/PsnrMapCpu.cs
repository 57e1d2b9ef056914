using System.Numerics;
using System.Runtime.InteropServices;
using Iqa.Gpu.Devices;

namespace Iqa.Gpu.Metrics.Psnr;

/// <summary>The squared-error map on the CPU: rows in parallel, vectors widened to double for the difference and square.</summary>
internal sealed class PsnrMapCpu : IPsnrMapOperations
{
    public IDevicePlane SquaredError(IDevicePlane xPlane, IDevicePlane yPlane)
    {
        CpuPlane x = CpuPlane.Of(xPlane), y = CpuPlane.Of(yPlane);
        int w = x.Width, h = x.Height;
        var map = new float[w * h];
        Parallel.For(0, h, r =>
        {
            ReadOnlySpan<float> a = x.Data.AsSpan(r * w, w), b = y.Data.AsSpan(r * w, w);
            Span<float> m = map.AsSpan(r * w, w);
            ref float a0 = ref MemoryMarshal.GetReference(a);
            ref float b0 = ref MemoryMarshal.GetReference(b);
            ref float m0 = ref MemoryMarshal.GetReference(m);
            int vw = Vector<float>.Count, c = 0;
            for (; c <= w - vw; c += vw)
            {
                Vector.Widen(Vector.LoadUnsafe(ref a0, (nuint)c), out var alo, out var ahi);
                Vector.Widen(Vector.LoadUnsafe(ref b0, (nuint)c), out var blo, out var bhi);
                var dlo = alo - blo;
                var dhi = ahi - bhi;
                Vector.Narrow(dlo * dlo, dhi * dhi).StoreUnsafe(ref m0, (nuint)c);
            }
            for (; c < w; c++)
            {
                double d = (double)a[c] - b[c];
                m[c] = (float)(d * d);
            }
        });
        return new CpuPlane(w, h, map);
    }
}
