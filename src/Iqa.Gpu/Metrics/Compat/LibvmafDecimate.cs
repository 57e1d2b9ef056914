using System.Numerics;
using System.Runtime.InteropServices;

namespace Iqa.Gpu.Metrics.Compat;

/// <summary>
/// libvmaf's _iqa_decimate (feature/iqa/decimate.c) with _iqa_filter_pixel (feature/iqa/convolve.c): a 2-D
/// kernel of taps x taps applied at every <c>factor</c>-th sample, offsets <c>-(taps/2)</c> to
/// <c>taps - 1 - taps/2</c> from it (so -1..0 for a 2x2 box, -2..1 for 4x4: the window leans left and up,
/// unlike MATLAB's imfilter), the picture mirrored at its edges (KBND_SYMMETRIC: -1 reads 0). Each term is the
/// float32 product of sample and weight, summed in double in row-major kernel order and rounded to float32 at
/// the end, as the C code does. The output is <c>w / factor + (w &amp; 1)</c> wide (the oddness test ignores
/// the factor) and likewise high.
/// </summary>
internal static class LibvmafDecimate
{
    /// <param name="kernel">taps x taps weights, row-major.</param>
    public static float[] Apply(float[] source, int w, int h, int factor, float[] kernel, int taps, out int outW, out int outH)
    {
        int sw = w / factor + (w & 1), sh = h / factor + (h & 1);
        int lo = -(taps / 2);
        // Phase p of row r holds source columns factor * j + p + lo (mirrored) at j, so the tap at column
        // offset u of output x is phase u % factor at x + u / factor: contiguous in x, hence vector loads.
        int pw = sw + (taps - 1) / factor;
        var phases = new float[factor][];
        for (int p = 0; p < factor; p++)
            phases[p] = GC.AllocateUninitializedArray<float>(checked(h * pw));
        Parallel.For(0, h, r =>
        {
            for (int p = 0; p < factor; p++)
                for (int j = 0; j < pw; j++)
                    phases[p][r * pw + j] = source[r * w + Mirror(factor * j + p + lo, w)];
        });
        var result = GC.AllocateUninitializedArray<float>(checked(sw * sh));
        Parallel.For(0, sh, y =>
        {
            Span<int> rows = stackalloc int[taps];
            for (int v = 0; v < taps; v++)
                rows[v] = Mirror(factor * y + lo + v, h) * pw;
            Row(phases, rows, factor, kernel, taps, result.AsSpan(y * sw, sw));
        });
        outW = sw;
        outH = sh;
        return result;
    }

    /// <summary>Mirrors an index that lies at most one length outside [0, n): -1 reads 0, n reads n - 1.</summary>
    private static int Mirror(int i, int n) => i < 0 ? -1 - i : i >= n ? 2 * n - 1 - i : i;

    private static void Row(float[][] phases, ReadOnlySpan<int> rows, int factor, float[] kernel, int taps, Span<float> output)
    {
        int vf = Vector<float>.Count, x = 0;
        for (; x <= output.Length - vf; x += vf)
        {
            Vector<double> low = default, high = default;
            for (int v = 0; v < taps; v++)
                for (int u = 0; u < taps; u++)
                {
                    var samples = Vector.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(phases[u % factor]),
                        (nuint)(rows[v] + x + u / factor));
                    Vector.Widen(samples * new Vector<float>(kernel[v * taps + u]), out var l, out var hi);
                    low += l;
                    high += hi;
                }
            Vector.Narrow(low, high).CopyTo(output[x..]);
        }
        for (; x < output.Length; x++)
        {
            double sum = 0;
            for (int v = 0; v < taps; v++)
                for (int u = 0; u < taps; u++)
                    sum += (float)(phases[u % factor][rows[v] + x + u / factor] * kernel[v * taps + u]);
            output[x] = (float)sum;
        }
    }
}
