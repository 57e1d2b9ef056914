using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics;

namespace Iqa.Gpu.Devices;

/// <summary>
/// Compiles a cpu family's kernels at metric init, the way ILGPU devices compile theirs then: the kernels run once on a
/// small input, on a pool thread, while the caller goes on to read its first inputs. Compiling them at full
/// optimization takes tens of milliseconds on a loaded machine; a single pair's compute would otherwise pay for it.
/// </summary>
internal static class CpuWarmup
{
    /// <summary>Runs <paramref name="kernels"/> once on a pool thread.</summary>
    public static void Start(Action kernels) => ThreadPool.UnsafeQueueUserWorkItem(_ =>
    {
        try
        {
            kernels();
        }
        catch (Exception)
        {
            // Nothing depends on the warm-up: a kernel that fails here fails again, and is reported, on real input.
        }
    }, null);

    /// <summary>A small 8-bit RGB pair's gray planes, as metrics first see inputs on this device (read from the samples).</summary>
    public static (CpuPlane X, CpuPlane Y) Planes(int side = 48)
    {
        var x = Texture(side, side, 3);
        var y = new DecodedImage(side, side, 3, [.. x.Bytes!.Reverse()]);
        double scale = 1 / x.MaxValue, offset = -MetricInput.Offset;
        return (new CpuPlane(x.Rows(ColorMode.Gray, scale, offset)[0]), new CpuPlane(y.Rows(ColorMode.Gray, scale, offset)[0]));
    }

    /// <summary>An 8-bit image of pseudo-random texture (no flat areas, so every statistic is defined).</summary>
    public static DecodedImage Texture(int width, int height, int bands)
    {
        var samples = new byte[width * height * bands];
        for (int i = 0; i < samples.Length; i++)
            samples[i] = (byte)(i * 7 % 251);
        return new DecodedImage(width, height, bands, samples);
    }
}
