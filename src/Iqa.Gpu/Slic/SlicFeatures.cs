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
    private SlicFeatures(int width, int height, int channels, double[] data)
    {
        Width = width;
        Height = height;
        Channels = channels;
        Data = data;
    }

    public int Width { get; }
    public int Height { get; }
    public int Pixels => Width * Height;

    /// <summary>3 (L, a, b) for RGB input, 1 for gray.</summary>
    public int Channels { get; }

    public double[] Data { get; }

    public Span<double> Channel(int c) => Data.AsSpan(c * Pixels, Pixels);

    public static SlicFeatures Prepare(DecodedImage image, double compactness)
    {
        double ratio = 1.0 / compactness;
        var samples = ImageSamples.Of(image);
        var stretched = Stretched(samples);
        int w = image.Width, h = image.Height, n = w * h;
        if (samples.Channels == 1)
        {
            var gray = GC.AllocateUninitializedArray<double>(n);
            Parallel.For(0, h, () => new int[w], (y, _, row) =>
            {
                samples.Row(y, 0, row);
                Scale(stretched, row, ratio, gray.AsSpan(y * w, w));
                return row;
            }, _ => { });
            return new SlicFeatures(w, h, 1, gray);
        }
        var data = GC.AllocateUninitializedArray<double>(3 * n);
        LabRows(samples, SkimageLab.Expand(stretched), ratio, data);
        return new SlicFeatures(w, h, 3, data);
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

    /// <summary>Planar Lab of every pixel (times <paramref name="scale"/>) from its samples, rows in parallel.</summary>
    public static void LabRows(ImageSamples samples, double[] expanded, double scale, double[] planar)
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
