namespace Iqa.Gpu.Slic;

/// <summary>
/// Scalar SLIC, a line-by-line port of scikit-image 0.19.3's <c>_slic_cython</c> (skimage/segmentation/_slic.pyx)
/// for a 2-D image (depth 1, <c>spacing</c> all ones, no mask, no SLIC-zero), followed by
/// <see cref="SlicConnectivity"/>. It is the yardstick the production path (<see cref="SlicCpu"/>) is tested
/// against: slow (one pass over each centre's window per iteration) but obviously in scikit-image's order.
/// </summary>
internal static class SlicReference
{
    public static int[] Segment(SlicFeatures features, SlicGrid grid, SlicParameters p)
    {
        int w = features.Width, h = features.Height, n = features.Pixels, channels = features.Channels;
        int count = grid.Count, start = p.StartLabel, maskLabel = start - 1;
        // segments[k] = [y, x, colour...]; the depth coordinate is 0 for every centre and pixel: dz = 0 exactly.
        int stride = 2 + channels;
        var segments = new double[count * stride];
        for (int k = 0; k < count; k++)
        {
            segments[k * stride] = grid.SeedY[k];
            segments[k * stride + 1] = grid.SeedX[k];
        }
        var labels = new int[n];
        Array.Fill(labels, maskLabel);
        var distance = new double[n];
        var elements = new long[count];
        var sumY = new long[count];
        var sumX = new long[count];
        double spatialWeight = grid.SpatialWeight;
        var data = features.Data;
        for (int iteration = 0; iteration < p.MaxIterations; iteration++)
        {
            bool change = false;
            Array.Fill(distance, double.MaxValue);
            for (int k = 0; k < count; k++)
            {
                double cy = segments[k * stride], cx = segments[k * stride + 1];
                var (yMin, yMax) = Window(cy, grid.StepY, h);
                var (xMin, xMax) = Window(cx, grid.StepX, w);
                for (int y = yMin; y < yMax; y++)
                {
                    double dy = cy - y;
                    dy *= dy;
                    for (int x = xMin; x < xMax; x++)
                    {
                        double dx = cx - x;
                        dx *= dx;
                        double distCenter = (dy + dx) * spatialWeight;
                        double distColor = 0;
                        int i = y * w + x;
                        for (int c = 0; c < channels; c++)
                        {
                            double t = data[c * n + i] - segments[k * stride + 2 + c];
                            distColor += t * t;
                        }
                        distCenter += distColor;
                        if (distance[i] > distCenter)
                        {
                            labels[i] = k + start;
                            distance[i] = distCenter;
                            change = true;
                        }
                    }
                }
            }
            if (!change)
                break;
            // Raster-order sums; coordinates are whole numbers, exact in either integer or double arithmetic.
            Array.Clear(elements);
            Array.Clear(sumY);
            Array.Clear(sumX);
            Array.Clear(segments);
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                {
                    int i = y * w + x;
                    int k = labels[i] - start;
                    elements[k]++;
                    sumY[k] += y;
                    sumX[k] += x;
                    for (int c = 0; c < channels; c++)
                        segments[k * stride + 2 + c] += data[c * n + i];
                }
            for (int k = 0; k < count; k++)
            {
                // An empty cluster gets 0/0 = NaN everywhere and never attracts a pixel again.
                double e = elements[k];
                segments[k * stride] = sumY[k] / e;
                segments[k * stride + 1] = sumX[k] / e;
                for (int c = 0; c < channels; c++)
                    segments[k * stride + 2 + c] /= e;
            }
        }
        return labels;
    }

    /// <summary>
    /// <c>[max(c - 2 step, 0), min(c + 2 step + 1, size))</c> truncated to integers, as _slic.pyx computes a search
    /// window (two double additions for the upper end). A NaN centre (empty cluster) gets an empty window: Cython's
    /// <c>max</c>/<c>min</c> keep the NaN, whose conversion to an integer gives the same bound at both ends.
    /// </summary>
    public static (int Min, int Max) Window(double c, int step, int size)
    {
        if (double.IsNaN(c))
            return (0, 0);
        double low = c - 2 * step;
        double high = c + 2 * step + 1;
        return ((int)(low < 0 ? 0 : low), (int)(high > size ? size : high));
    }
}
