using Iqa.Gpu.Metrics.Niqe;

namespace Iqa.Gpu.Tests.Niqe;

public class HalfScaleResizeTests
{
    /// <summary>
    /// imresize(im, 0.5) written out from imresize.m's definition, one output at a time: Keys cubic stretched
    /// by 2, taps at distance u − j for u = 2x − 0.5 (1-based), weights normalised, mirrored indices, rows
    /// (dimension 1) first.
    /// </summary>
    private static double[] Naive(double[] image, int width, int height)
    {
        static double Cubic(double x)
        {
            double a = Math.Abs(x);
            return a <= 1 ? 1.5 * a * a * a - 2.5 * a * a + 1 : a <= 2 ? -0.5 * a * a * a + 2.5 * a * a - 4 * a + 2 : 0;
        }
        static (int[] Index, double[] Weight)[] Contributions(int n)
        {
            var result = new (int[], double[])[n / 2];
            for (int x = 1; x <= n / 2; x++)
            {
                double u = 2 * x - 0.5;
                var idx = new List<int>();
                var wts = new List<double>();
                for (int j = (int)Math.Floor(u - 4); j <= (int)Math.Floor(u - 4) + 9; j++)
                {
                    double w = 0.5 * Cubic(0.5 * (u - j));
                    if (w == 0)
                        continue;
                    int m = ((j - 1) % (2 * n) + 2 * n) % (2 * n); // aux = [1:n, n:-1:1]
                    idx.Add(m < n ? m : 2 * n - 1 - m);
                    wts.Add(w);
                }
                double sum = wts.Sum();
                result[x - 1] = (idx.ToArray(), wts.Select(w => w / sum).ToArray());
            }
            return result;
        }
        var rows = Contributions(height);
        var cols = Contributions(width);
        var tmp = new double[height / 2 * width];
        for (int o = 0; o < height / 2; o++)
            for (int x = 0; x < width; x++)
            {
                double s = 0;
                for (int t = 0; t < rows[o].Index.Length; t++)
                    s += rows[o].Weight[t] * image[rows[o].Index[t] * width + x];
                tmp[o * width + x] = s;
            }
        var result = new double[height / 2 * (width / 2)];
        for (int y = 0; y < height / 2; y++)
            for (int o = 0; o < width / 2; o++)
            {
                double s = 0;
                for (int t = 0; t < cols[o].Index.Length; t++)
                    s += cols[o].Weight[t] * tmp[y * width + cols[o].Index[t]];
                result[y * (width / 2) + o] = s;
            }
        return result;
    }

    /// <summary>A row-major array as a NIQE scale.</summary>
    private sealed class ArrayImage(double[] data, int width, int height) : NiqeImage(width, height)
    {
        public override void ReadRows(int first, int count, Span<double> destination) =>
            data.AsSpan(first * Width, count * Width).CopyTo(destination);
    }

    /// <summary>
    /// The whole image (bands of 32 rows in parallel) and bands of <paramref name="band"/> rows, each read from only
    /// the input rows it needs, give the definition's values: band edges and image edges alike.
    /// </summary>
    [Theory]
    [InlineData(96, 96, 1)]
    [InlineData(200, 98, 5)]
    [InlineData(36, 250, 48)]
    public void Matches_the_definition_bit_for_bit(int width, int height, int band)
    {
        var rng = new Random(width * height);
        var image = Enumerable.Range(0, width * height).Select(_ => rng.NextDouble() * 255).ToArray();
        var expected = Naive(image, width, height);
        var half = new HalfScaleResize(new ArrayImage(image, width, height));
        var whole = new double[width * height / 4];
        half.ReadAll(whole);
        Assert.Equal(expected, whole);
        var banded = new double[width * height / 4];
        for (int first = 0; first < half.Height; first += band)
        {
            int count = Math.Min(band, half.Height - first);
            half.ReadRows(first, count, banded.AsSpan(first * half.Width, count * half.Width));
        }
        Assert.Equal(expected, banded);
    }
}
