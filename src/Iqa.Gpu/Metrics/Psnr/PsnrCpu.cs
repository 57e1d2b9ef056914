using System.Numerics;
using System.Runtime.InteropServices;

using Iqa.Gpu.Devices;

namespace Iqa.Gpu.Metrics.Psnr;

/// <summary>PSNR's squared error on the CPU: per-row sums in double with vectors, added in row order (deterministic).</summary>
internal sealed class PsnrCpu : IPsnrOperations
{
    public double SumSquaredError(IDevicePlane xPlane, IDevicePlane yPlane)
    {
        CpuPlane x = CpuPlane.Of(xPlane), y = CpuPlane.Of(yPlane);
        int w = x.Width, h = x.Height;
        var rows = new double[h];
        Parallel.For(0, h, r =>
        {
            ReadOnlySpan<float> a = x.Data.AsSpan(r * w, w), b = y.Data.AsSpan(r * w, w);
            ref float a0 = ref MemoryMarshal.GetReference(a);
            ref float b0 = ref MemoryMarshal.GetReference(b);
            int vw = Vector<float>.Count, c = 0;
            Vector<double> acc = default;
            for (; c <= w - vw; c += vw)
            {
                Vector.Widen(Vector.LoadUnsafe(ref a0, (nuint)c), out var alo, out var ahi);
                Vector.Widen(Vector.LoadUnsafe(ref b0, (nuint)c), out var blo, out var bhi);
                var dlo = alo - blo;
                var dhi = ahi - bhi;
                acc += dlo * dlo + dhi * dhi;
            }
            double sum = Vector.Sum(acc);
            for (; c < w; c++)
            {
                double d = (double)a[c] - b[c];
                sum += d * d;
            }
            rows[r] = sum;
        });
        double total = 0;
        foreach (double s in rows)
            total += s;
        return total;
    }
}
