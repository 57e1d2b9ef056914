namespace Iqa.Gpu.Metrics.Deep;

/// <summary>
/// PyTorch's <c>nn.Upsample(size=(H, W), mode='bilinear', align_corners=False)</c> on one float map, as its CPU kernel
/// computes it (aten/src/ATen/native/UpSample.h and cpu/UpSampleKernel.cpp): per axis, scale = in / out in float, source
/// position <c>scale (i + 0.5) − 0.5</c> clamped at 0, index = ⌊position⌋ capped at in − 1, λ1 = position − index in
/// [0, 1], λ0 = 1 − λ1, the second index one further unless at the end; an axis of equal size is copied. Each output is
/// <c>(v00 λ0x + v01 λ1x) λ0y + (v10 λ0x + v11 λ1x) λ1y</c> in float.
/// </summary>
internal static class BilinearUpsample
{
    /// <summary>Adds the upsampled <paramref name="source"/> to <paramref name="target"/> (the official LPIPS sums its layers' maps so).</summary>
    public static void AddTo(float[] source, int inWidth, int inHeight, float[] target, int outWidth, int outHeight)
    {
        var columns = Axis(inWidth, outWidth);
        var rows = Axis(inHeight, outHeight);
        Parallel.For(0, outHeight, y =>
        {
            var (r0, r1, wy0, wy1) = rows[y];
            var target0 = target.AsSpan(y * outWidth, outWidth);
            for (int x = 0; x < outWidth; x++)
            {
                var (c0, c1, wx0, wx1) = columns[x];
                float top = source[r0 * inWidth + c0] * wx0 + source[r0 * inWidth + c1] * wx1;
                float bottom = source[r1 * inWidth + c0] * wx0 + source[r1 * inWidth + c1] * wx1;
                target0[x] += top * wy0 + bottom * wy1;
            }
        });
    }

    /// <summary>The two source indices and weights of every output position along one axis.</summary>
    internal static (int I0, int I1, float W0, float W1)[] Axis(int input, int output)
    {
        var axis = new (int, int, float, float)[output];
        float scale = (float)input / output;
        for (int i = 0; i < output; i++)
        {
            if (input == output)
            {
                axis[i] = (i, i, 1f, 0f);
                continue;
            }
            float position = Math.Max(scale * (i + 0.5f) - 0.5f, 0f);
            int i0 = Math.Min((int)MathF.Floor(position), input - 1);
            float w1 = Math.Clamp(position - i0, 0f, 1f);
            axis[i] = (i0, i0 < input - 1 ? i0 + 1 : i0, 1f - w1, w1);
        }
        return axis;
    }
}
