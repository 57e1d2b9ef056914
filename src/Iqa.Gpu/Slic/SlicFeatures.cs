using System.Numerics;
using System.Runtime.CompilerServices;
using Iqa.Gpu.Images;

namespace Iqa.Gpu.Slic;

/// <summary>
/// The colour features SLIC clusters, as slic_superpixels.py prepares them before <c>_slic_cython</c>:
/// <c>img_as_float</c> (sample × (1/255) or × (1/65535)), the min-max stretch over all colour samples
/// (<c>image -= image.min(); image /= image.max()</c>, skipped when the image is constant), <c>rgb2lab</c> for RGB
/// (<see cref="SkimageLab"/>) or the stretched value for gray, and finally <c>image * ratio</c> with
/// <c>ratio = 1.0 / compactness</c>. Alpha is not a colour: it is dropped, as everywhere in the engine (scikit-image
/// would cluster an RGBA array's four raw channels; the equivalent call is <c>slic(img[..., :3])</c>).
/// Planar: channel c of pixel p is <c>Data[c * Pixels + p]</c>.
/// </summary>
internal sealed class SlicFeatures
{
    /// <summary>Zeros after <see cref="Narrow"/>'s channels: a float vector started inside reads at most this far past the end.</summary>
    public const int NarrowPad = 16;

    private SlicFeatures(int width, int height, int channels, double[] data, float[] narrow, double[] rowMax)
    {
        Width = width;
        Height = height;
        Channels = channels;
        Data = data;
        Narrow = narrow;
        Maximum = new double[channels];
        for (int c = 0; c < channels; c++)
            Maximum[c] = rowMax.AsSpan(c * height, height).ToArray().Max();
    }

    public int Width { get; }
    public int Height { get; }
    public int Pixels => Width * Height;

    /// <summary>3 (L, a, b) for RGB input, 1 for gray.</summary>
    public int Channels { get; }

    public double[] Data { get; }

    /// <summary>
    /// <see cref="Data"/> rounded to float, same layout, then <see cref="NarrowPad"/> zeros: what the assignment screen
    /// reads (<see cref="SlicCpu"/>), made row by row as the features are computed, while the row is in cache.
    /// </summary>
    public float[] Narrow { get; }

    /// <summary>max |feature| per channel (of the double features).</summary>
    public double[] Maximum { get; }

    public Span<double> Channel(int c) => Data.AsSpan(c * Pixels, Pixels);

    public static SlicFeatures Prepare(DecodedImage image, double compactness)
    {
        double ratio = 1.0 / compactness;
        var samples = ImageSamples.Of(image);
        var stretched = Stretched(samples);
        int w = image.Width, h = image.Height, n = w * h;
        int channels = samples.Channels == 1 ? 1 : 3;
        var narrow = GC.AllocateUninitializedArray<float>(channels * n + NarrowPad);
        narrow.AsSpan(channels * n).Clear();
        var rowMax = new double[channels * h];
        if (channels == 1)
        {
            var gray = GC.AllocateUninitializedArray<double>(n);
            Parallel.For(0, h, () => new int[w], (y, _, row) =>
            {
                samples.Row(y, 0, row);
                Scale(stretched, row, ratio, gray.AsSpan(y * w, w));
                rowMax[y] = Narrowed(gray.AsSpan(y * w, w), narrow.AsSpan(y * w, w));
                return row;
            }, _ => { });
            return new SlicFeatures(w, h, 1, gray, narrow, rowMax);
        }
        var data = GC.AllocateUninitializedArray<double>(3 * n);
        LabRows(samples, SkimageLab.Expand(stretched), ratio, data, (y, offset) =>
        {
            for (int c = 0; c < 3; c++)
                rowMax[c * h + y] = Narrowed(data.AsSpan(c * n + offset, w), narrow.AsSpan(c * n + offset, w));
        });
        return new SlicFeatures(w, h, 3, data, narrow, rowMax);
    }

    /// <summary>Rounds <paramref name="source"/> to float into <paramref name="target"/>; returns max |source|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Narrowed(ReadOnlySpan<double> source, Span<float> target)
    {
        var maxima = Vector<double>.Zero;
        int i = 0, step = Vector<float>.Count;
        for (; i + step <= source.Length; i += step)
        {
            var low = new Vector<double>(source[i..]);
            var high = new Vector<double>(source[(i + step / 2)..]);
            Vector.Narrow(low, high).CopyTo(target[i..]);
            maxima = Vector.Max(maxima, Vector.Max(Vector.Abs(low), Vector.Abs(high)));
        }
        double max = 0;
        for (int l = 0; l < Vector<double>.Count; l++)
            max = Math.Max(max, maxima[l]);
        for (; i < source.Length; i++)
        {
            target[i] = (float)source[i];
            max = Math.Max(max, Math.Abs(source[i]));
        }
        return max;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scale(double[] table, ReadOnlySpan<int> samples, double ratio, Span<double> destination)
    {
        for (int x = 0; x < samples.Length; x++)
            destination[x] = table[samples[x]] * ratio;
    }

    /// <summary>
    /// The per-sample-value table a device builds the features from (<c>SlicKernels.Features</c>): for gray, the
    /// feature itself (stretched value × ratio); for RGB, <see cref="SkimageLab.Products"/> of the expanded values.
    /// </summary>
    public static double[] DeviceTable(ImageSamples samples, double compactness)
    {
        var stretched = Stretched(samples);
        if (samples.Channels == 3)
            return SkimageLab.Products(SkimageLab.Expand(stretched));
        double ratio = 1.0 / compactness;
        return stretched.Select(v => v * ratio).ToArray();
    }

    /// <summary>The stretched value of every possible sample: (v·unit − min) / (max − min), unit = 1/255 or 1/65535.</summary>
    private static double[] Stretched(ImageSamples samples)
    {
        // img_as_float multiplies by the reciprocal; min and max commute with that monotone map.
        double unit = 1.0 / samples.TypeMax;
        double min = samples.Min * unit;
        double range = samples.Max * unit - min;
        var stretched = new double[samples.Levels];
        for (int v = 0; v < stretched.Length; v++)
        {
            double s = v * unit - min;
            stretched[v] = range != 0 ? s / range : s;
        }
        return stretched;
    }

    /// <summary>
    /// Planar Lab of every pixel (times <paramref name="scale"/>) from its samples, rows in parallel;
    /// <paramref name="rowDone"/> (row, offset of the row in each channel) runs on each row once it is written.
    /// </summary>
    public static void LabRows(ImageSamples samples, double[] expanded, double scale, double[] planar, Action<int, int>? rowDone = null)
    {
        int w = samples.Width, n = w * samples.Height;
        var products = SkimageLab.Products(expanded);
        // A gray image is taken as R = G = B (skimage.color.gray2rgb).
        int green = samples.Channels == 3 ? 1 : 0, blue = samples.Channels == 3 ? 2 : 0;
        Parallel.For(0, samples.Height, () => new LabRowBuffers(w), (y, _, buffers) =>
        {
            samples.Row(y, 0, buffers.R);
            samples.Row(y, green, buffers.G);
            samples.Row(y, blue, buffers.B);
            SkimageLab.Convert(products, buffers.R, buffers.G, buffers.B, scale, planar.AsSpan(y * w, w),
                planar.AsSpan(n + y * w, w), planar.AsSpan(2 * n + y * w, w), buffers.Work);
            rowDone?.Invoke(y, y * w);
            return buffers;
        }, _ => { });
    }

    private sealed class LabRowBuffers(int width)
    {
        public int[] R { get; } = new int[width];
        public int[] G { get; } = new int[width];
        public int[] B { get; } = new int[width];
        public double[] Work { get; } = new double[6 * width];
    }
}
