using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Metrics.Ssim;

/// <summary>
/// Box-filter downsampling on the CPU, the formula of <see cref="DownsampleKernels.BoxDownsample"/> (sums in double, then
/// divided by f^2) summed in another order, so results can differ from the kernel's in the last bit: per output row, the f source rows are first summed per column with vectors, then each
/// output adds f neighbouring column sums; symmetric padding is resolved once per row and per border column.
/// </summary>
internal static class BoxDownsampleCpu
{
    public static CpuPlane Apply(CpuPlane src, int f)
    {
        int w = src.Width, h = src.Height;
        int outW = (w + f - 1) / f, outH = (h + f - 1) / f;
        var dst = new float[outW * outH];
        int lo = BoxWindow.Low(f);
        float[] s = src.Data;
        int chunks = Math.Min(outH, Environment.ProcessorCount * 4);
        Parallel.For(0, chunks, chunk =>
        {
            int y0 = (int)((long)chunk * outH / chunks), y1 = (int)((long)(chunk + 1) * outH / chunks);
            double[] columns = ArrayPool<double>.Shared.Rent(w);
            try
            {
                for (int oy = y0; oy < y1; oy++)
                {
                    SumRows(s, w, h, oy * f + lo, f, columns);
                    for (int ox = 0; ox < outW; ox++)
                    {
                        int c0 = ox * f + lo;
                        double sum = 0;
                        if (c0 >= 0 && c0 + f <= w)
                            for (int d = 0; d < f; d++)
                                sum += columns[c0 + d];
                        else
                            for (int d = 0; d < f; d++)
                                sum += columns[BoxWindow.Symmetric(c0 + d, w)];
                        dst[oy * outW + ox] = (float)(sum / (f * f));
                    }
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(columns);
            }
        });
        return new CpuPlane(outW, outH, dst);
    }

    /// <summary>columns[x] = sum over the f (symmetrically padded) rows from <paramref name="firstRow"/> of src[row, x], in double.</summary>
    private static void SumRows(float[] s, int w, int h, int firstRow, int f, double[] columns)
    {
        Array.Clear(columns, 0, w);
        Span<double> sums = columns.AsSpan(0, w);
        var vectors = MemoryMarshal.Cast<double, Vector<double>>(sums);
        for (int d = 0; d < f; d++)
        {
            var row = s.AsSpan(BoxWindow.Symmetric(firstRow + d, h) * w, w);
            var rowVectors = MemoryMarshal.Cast<float, Vector<float>>(row);
            for (int v = 0; v < rowVectors.Length; v++)
            {
                Vector.Widen(rowVectors[v], out var lo, out var hi);
                vectors[2 * v] += lo;
                vectors[2 * v + 1] += hi;
            }
            for (int x = rowVectors.Length * Vector<float>.Count; x < w; x++)
                sums[x] += row[x];
        }
    }
}
