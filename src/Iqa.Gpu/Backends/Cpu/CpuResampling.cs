using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Backends.Cpu;

/// <summary>Box-filter downsampling on the CPU, same arithmetic as <see cref="ImageKernels.BoxDownsample"/>.</summary>
internal static class CpuResampling
{
    public static CpuPlane BoxDownsample(CpuPlane src, int f)
    {
        int w = src.Width, h = src.Height;
        int outW = (w + f - 1) / f, outH = (h + f - 1) / f;
        var dst = new float[outW * outH];
        int lo = BoxWindow.Low(f);
        float[] s = src.Data;
        Parallel.For(0, outH, oy =>
        {
            Span<int> cols = stackalloc int[f];
            for (int ox = 0; ox < outW; ox++)
            {
                for (int d = 0; d < f; d++)
                    cols[d] = BoxWindow.Symmetric(ox * f + lo + d, w);
                double sum = 0;
                for (int dy = 0; dy < f; dy++)
                {
                    int row = BoxWindow.Symmetric(oy * f + lo + dy, h) * w;
                    for (int dx = 0; dx < f; dx++)
                        sum += s[row + cols[dx]];
                }
                dst[oy * outW + ox] = (float)(sum / (f * f));
            }
        });
        return new CpuPlane(outW, outH, dst);
    }
}
