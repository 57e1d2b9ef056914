using Iqa.Gpu.Maps;

namespace Iqa.Gpu.Regions;

/// <summary>
/// One map's samples pooled per superpixel: each sample belongs to the superpixel of the pixel at its image position
/// (<see cref="MapGeometry.Pixel"/>), so the superpixels partition the map and the per-region sums add up to the map's.
/// Counts and sums (and, when asked, the squared deviations from each region's mean: a two-pass variance) are taken in
/// double over a fixed number of row bands, added in band order: the same result on any number of cores.
/// </summary>
public sealed class MapPool
{
    /// <summary>Row bands of the map, fixed so the order of additions never depends on the machine.</summary>
    private const int Bands = 16;

    private MapPool(QualityMap map, long[] counts, double[] sums, double[]? squaredDeviations)
    {
        Map = map;
        Counts = counts;
        Sums = sums;
        SquaredDeviations = squaredDeviations;
        foreach (long c in counts)
            TotalCount += c;
        foreach (double s in sums)
            TotalSum += s;
    }

    public QualityMap Map { get; }

    /// <summary>Samples per label.</summary>
    public long[] Counts { get; }

    /// <summary>Sum of the samples per label.</summary>
    public double[] Sums { get; }

    /// <summary>Σ (v − region mean)² per label, when pooled with spread.</summary>
    public double[]? SquaredDeviations { get; }

    public long TotalCount { get; }
    public double TotalSum { get; }

    public double Mean(int label) => Sums[label] / Counts[label];

    /// <summary>std2's sample standard deviation within the region (0 for a single sample, as MATLAB).</summary>
    public double StandardDeviation(int label) =>
        Counts[label] > 1 ? Math.Sqrt((SquaredDeviations ?? throw new InvalidOperationException("pooled without spread"))[label] / (Counts[label] - 1)) : 0;

    /// <summary>The region's summed error: Σ (1 − v) where higher is better, else Σ v.</summary>
    public double ErrorSum(int label) => Map.HigherIsBetter ? Counts[label] - Sums[label] : Sums[label];

    public double TotalError => Map.HigherIsBetter ? TotalCount - TotalSum : TotalSum;

    /// <param name="spread">Also the squared deviations from each region's mean (a second pass).</param>
    public static MapPool Of(QualityMap map, Superpixels superpixels, bool spread)
    {
        int labelCount = superpixels.Shapes.Count;
        int[] columns = Pixels(map.Geometry, map.Width, superpixels.Width);
        int[] rows = Pixels(map.Geometry, map.Height, superpixels.Height);
        int bands = Math.Min(Bands, map.Height);
        var counts = new long[bands][];
        var sums = new double[bands][];
        Parallel.For(0, bands, band =>
        {
            var (r0, r1) = Band(band, bands, map.Height);
            long[] c = counts[band] = new long[labelCount];
            double[] s = sums[band] = new double[labelCount];
            for (int r = r0; r < r1; r++)
            {
                var labels = superpixels.Labels.AsSpan(rows[r] * superpixels.Width, superpixels.Width);
                var values = map.Values.AsSpan(r * map.Width, map.Width);
                for (int i = 0; i < values.Length; i++)
                {
                    int l = labels[columns[i]];
                    c[l]++;
                    s[l] += values[i];
                }
            }
        });
        long[] totalCounts = Merge(counts, labelCount);
        double[] totalSums = Merge(sums, labelCount);
        double[]? deviations = null;
        if (spread)
        {
            var means = new double[labelCount];
            for (int l = 0; l < labelCount; l++)
                means[l] = totalCounts[l] > 0 ? totalSums[l] / totalCounts[l] : 0;
            var partial = new double[bands][];
            Parallel.For(0, bands, band =>
            {
                var (r0, r1) = Band(band, bands, map.Height);
                double[] d = partial[band] = new double[labelCount];
                for (int r = r0; r < r1; r++)
                {
                    var labels = superpixels.Labels.AsSpan(rows[r] * superpixels.Width, superpixels.Width);
                    var values = map.Values.AsSpan(r * map.Width, map.Width);
                    for (int i = 0; i < values.Length; i++)
                    {
                        int l = labels[columns[i]];
                        double e = values[i] - means[l];
                        d[l] += e * e;
                    }
                }
            });
            deviations = Merge(partial, labelCount);
        }
        return new MapPool(map, totalCounts, totalSums, deviations);
    }

    /// <summary>The pixel (column or row) of each sample along one axis.</summary>
    private static int[] Pixels(MapGeometry geometry, int samples, int size)
    {
        var pixels = new int[samples];
        for (int i = 0; i < samples; i++)
            pixels[i] = geometry.Pixel(i, size);
        return pixels;
    }

    private static (int, int) Band(int band, int bands, int rows) =>
        ((int)((long)band * rows / bands), (int)((long)(band + 1) * rows / bands));

    private static T[] Merge<T>(T[][] parts, int length) where T : struct, System.Numerics.INumber<T>
    {
        var total = new T[length];
        foreach (var part in parts)
            for (int l = 0; l < length; l++)
                total[l] += part[l];
        return total;
    }
}
