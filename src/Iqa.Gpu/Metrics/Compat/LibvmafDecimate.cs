using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using Iqa.Gpu.Kernels;

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
    public static LibvmafPicture Apply(LibvmafPicture source, int factor, float[] kernel, int taps)
    {
        int w = source.Width, h = source.Height;
        int sw = w / factor + (w & 1), sh = h / factor + (h & 1);
        int lo = -(taps / 2);
        // Phase p of row r holds source columns factor * j + p + lo (mirrored) at j, so the tap at column
        // offset u of output x is phase u % factor at x + u / factor: contiguous in x, hence vector loads.
        // The phases lie one after another in one buffer, each h rows of pw samples.
        int pw = sw + (taps - 1) / factor, phaseSize = checked(h * pw);
        var phases = ArrayPool<float>.Shared.Rent(checked(factor * phaseSize));
        var weights = new Vector<float>[taps * taps];
        for (int t = 0; t < weights.Length; t++)
            weights[t] = new Vector<float>(kernel[t]);
        var result = LibvmafPicture.Uninitialized(sw, sh);
        try
        {
            float[] src = source.Data;
            Parallel.For(0, h, r =>
            {
                for (int p = 0; p < factor; p++)
                    SplitRow(src.AsSpan(r * w, w), factor, p + lo, phases.AsSpan(p * phaseSize + r * pw, pw));
            });
            Parallel.For(0, sh, y =>
            {
                // Where each tap (row-major) of this output row starts in the phase buffer.
                Span<int> taps0 = stackalloc int[taps * taps];
                for (int v = 0; v < taps; v++)
                    for (int u = 0; u < taps; u++)
                        taps0[v * taps + u] = u % factor * phaseSize + BoxWindow.Symmetric(factor * y + lo + v, h) * pw + u / factor;
                Row(phases, taps0, weights, result.Data.AsSpan(y * sw, sw));
            });
        }
        catch
        {
            result.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(phases);
        }
        return result;
    }

    /// <summary>phase[j] = row[factor * j + offset], mirrored where that falls outside the row.</summary>
    private static void SplitRow(ReadOnlySpan<float> row, int factor, int offset, Span<float> phase)
    {
        int n = row.Length;
        // Inside the row for j in [first, last).
        int first = Math.Min(phase.Length, offset < 0 ? (-offset + factor - 1) / factor : 0);
        int last = Math.Clamp((n - offset + factor - 1) / factor, first, phase.Length);
        for (int j = 0; j < first; j++)
            phase[j] = row[BoxWindow.Symmetric(factor * j + offset, n)];
        for (int j = first, i = factor * first + offset; j < last; j++, i += factor)
            phase[j] = row[i];
        for (int j = last; j < phase.Length; j++)
            phase[j] = row[BoxWindow.Symmetric(factor * j + offset, n)];
    }

    private static void Row(float[] phases, ReadOnlySpan<int> taps, Vector<float>[] weights, Span<float> output)
    {
        ref float p0 = ref MemoryMarshal.GetArrayDataReference(phases);
        int vf = Vector<float>.Count, x = 0;
        for (; x <= output.Length - vf; x += vf)
        {
            Vector<double> low = default, high = default;
            for (int t = 0; t < taps.Length; t++)
            {
                Vector.Widen(Vector.LoadUnsafe(ref p0, (nuint)(taps[t] + x)) * weights[t], out var l, out var h);
                low += l;
                high += h;
            }
            Vector.Narrow(low, high).CopyTo(output[x..]);
        }
        for (; x < output.Length; x++)
        {
            double sum = 0;
            for (int t = 0; t < taps.Length; t++)
                sum += (float)(phases[taps[t] + x] * weights[t][0]);
            output[x] = (float)sum;
        }
    }
}
