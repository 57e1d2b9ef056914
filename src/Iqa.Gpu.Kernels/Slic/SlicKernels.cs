using ILGPU;

namespace Iqa.Gpu.Kernels;

/// <summary>
/// SLIC superpixels (scikit-image 0.19.3, skimage/segmentation/_slic.pyx) on a device, in double:
/// features (Lab for RGB), then per iteration the centres' search windows and the bins they cover, the assignment
/// (each pixel against the centres whose window covers it, in index order, strict comparison: the lowest index
/// wins a tie, as in the reference), and the centre update (one work item per cluster summing its pixels in raster
/// order: the reference's additions in the reference's order, no atomics on doubles). Every product that is then
/// added to something goes through <see cref="RoundedProduct"/>, so no device compiler can fuse it into an fma:
/// given the same features, labels and centres are the host's bit for bit.
/// <para>
/// Layouts: features planar (channel c of pixel p at <c>c · pixels + p</c>); centres planar
/// (<c>[y | x | colour 0 | ...]</c>, each <c>count</c> long); windows four per centre (y0, y1, x0, x1, end
/// exclusive; y0 = y1 for an empty or NaN centre); bins of StepY × StepX pixels (<see cref="SlicLayout"/>),
/// row-major, with their centre lists in CSR form (<c>binStart</c>, <c>binList</c>); <c>flags[0]</c> = a pixel was
/// assigned this pass, <c>flags[1]</c> = a pixel was not covered this pass, <c>flags[2]</c> = clustering has stopped.
/// </para>
/// </summary>
public static class SlicKernels
{
    public const int AssignedFlag = 0, UncoveredFlag = 1, StoppedFlag = 2, Flags = 3;

    /// <summary>At most this many bins per axis meet a window (4·step + 1 pixels over bins of step pixels).</summary>
    public const int MaxBinsPerAxis = 6;

    private const double Epsilon = 0.008856, Kappa = 7.787, Offset = 16.0 / 116.0;

    /// <summary>
    /// The features of pixel <paramref name="p"/> from its samples (interleaved, <paramref name="bands"/> per pixel).
    /// Gray (<paramref name="channels"/> = 1): <c>table[sample]</c> (the stretched value times 1/compactness).
    /// RGB: skimage's rgb2lab with the sRGB expansion and the matrix products read from <paramref name="table"/>
    /// (nine rows of <paramref name="levels"/> entries: expanded value × matrix entry, from the host), then
    /// division by the D65 white, cube root above 0.008856, L, a, b, each times <paramref name="scale"/>. The cube
    /// root is <see cref="Cbrt"/>, which can differ from numpy's in the last bit.
    /// </summary>
    public static void Features(Index1D p, ArrayView<ushort> samples, ArrayView<double> table, ArrayView<double> features,
        int pixels, int bands, int channels, int levels, double scale)
    {
        int at = p * bands;
        if (channels == 1)
        {
            features[p] = table[(int)samples[at]];
            return;
        }
        int r = samples[at], g = samples[at + 1] + levels, b = samples[at + 2] + 2 * levels;
        double fx = LabF((table[r] + table[g] + table[b]) / 0.95047);
        double fy = LabF(table[3 * levels + r] + table[3 * levels + g] + table[3 * levels + b]);
        double fz = LabF((table[6 * levels + r] + table[6 * levels + g] + table[6 * levels + b]) / 1.08883);
        features[p] = (RoundedProduct.Of(116.0, fy) - 16.0) * scale;
        features[pixels + p] = 500.0 * (fx - fy) * scale;
        features[2 * pixels + p] = 200.0 * (fy - fz) * scale;
    }

    private static double LabF(double t) => t > Epsilon ? Cbrt(t) : RoundedProduct.Of(Kappa, t) + Offset;

    /// <summary>
    /// Cube root of a positive normal double with the four basic operations only (GPU code generators have no pow
    /// or cbrt of their own): fdlibm's 5-bit estimate from the exponent bits (s_cbrt.c, B1), then four Newton steps,
    /// each doubling the correct bits; the result is within a few ulps of the C library's cbrt.
    /// </summary>
    public static double Cbrt(double t)
    {
        ulong high = (Interop.FloatAsInt(t) >> 32) / 3 + 715094163UL;
        double y = Interop.IntAsFloat(high << 32);
        for (int i = 0; i < 4; i++)
            y -= (y * y * y - t) / (3.0 * y * y);
        return y;
    }

    /// <summary>
    /// Centre <paramref name="k"/>'s window, as _slic.pyx computes it (<c>[max(c − 2 step, 0), min(c + 2 step + 1,
    /// size))</c> truncated; NaN centres of empty clusters get an empty window), and one count in each bin it meets.
    /// </summary>
    public static void Windows(Index1D k, ArrayView<double> centres, ArrayView<int> windows, ArrayView<int> binCounts,
        SlicLayout layout)
    {
        int stepY = layout.StepY, stepX = layout.StepX, width = layout.Width, height = layout.Height;
        double cy = centres[k], cx = centres[layout.Count + k];
        int y0 = 0, y1 = 0, x0 = 0, x1 = 0;
        if (!double.IsNaN(cy) && !double.IsNaN(cx))
        {
            double low = cy - 2 * stepY, high = cy + 2 * stepY + 1;
            y0 = (int)(low < 0 ? 0 : low);
            y1 = (int)(high > height ? height : high);
            low = cx - 2 * stepX;
            high = cx + 2 * stepX + 1;
            x0 = (int)(low < 0 ? 0 : low);
            x1 = (int)(high > width ? width : high);
            if (x0 >= x1)
                y1 = y0;
        }
        windows[4 * k] = y0;
        windows[4 * k + 1] = y1;
        windows[4 * k + 2] = x0;
        windows[4 * k + 3] = x1;
        if (y0 >= y1)
            return;
        for (int by = y0 / stepY; by <= (y1 - 1) / stepY; by++)
            for (int bx = x0 / stepX; bx <= (x1 - 1) / stepX; bx++)
                Atomic.Add(ref binCounts[by * layout.BinsX + bx], 1);
    }

    /// <summary>One work item: <c>binStart</c> = exclusive prefix sums of the counts (bins + 1 entries), counts cleared.</summary>
    public static void ScanBins(Index1D i, ArrayView<int> binCounts, ArrayView<int> binStart, int bins)
    {
        int sum = 0;
        for (int b = 0; b < bins; b++)
        {
            binStart[b] = sum;
            sum += binCounts[b];
            binCounts[b] = 0;
        }
        binStart[bins] = sum;
    }

    /// <summary>Centre <paramref name="k"/> into the lists of the bins its window meets (in any order; see <see cref="SortBins"/>).</summary>
    public static void FillBins(Index1D k, ArrayView<int> windows, ArrayView<int> binStart, ArrayView<int> binCursor,
        ArrayView<int> binList, SlicLayout layout)
    {
        int y0 = windows[4 * k], y1 = windows[4 * k + 1], x0 = windows[4 * k + 2], x1 = windows[4 * k + 3];
        if (y0 >= y1)
            return;
        for (int by = y0 / layout.StepY; by <= (y1 - 1) / layout.StepY; by++)
            for (int bx = x0 / layout.StepX; bx <= (x1 - 1) / layout.StepX; bx++)
            {
                int b = by * layout.BinsX + bx;
                binList[binStart[b] + Atomic.Add(ref binCursor[b], 1)] = k;
            }
    }

    /// <summary>Bin <paramref name="b"/>'s list into index order (insertion sort: a few dozen entries).</summary>
    public static void SortBins(Index1D b, ArrayView<int> binStart, ArrayView<int> binList)
    {
        int start = binStart[b], end = binStart[b + 1];
        for (int i = start + 1; i < end; i++)
        {
            int k = binList[i], j = i - 1;
            for (; j >= start && binList[j] > k; j--)
                binList[j + 1] = binList[j];
            binList[j + 1] = k;
        }
    }

    /// <summary>
    /// Pixel <paramref name="p"/>'s label: the centres of its bin whose window covers it, in index order, with
    /// _slic.pyx's distance <c>((dy² + dx²) · w) + ((t0² + t1²) + t2²)</c> and a strict comparison. A pixel no
    /// window covers keeps its label.
    /// </summary>
    public static void Assign(Index1D p, ArrayView<double> features, ArrayView<double> centres, ArrayView<int> windows,
        ArrayView<int> binStart, ArrayView<int> binList, ArrayView<int> labels, ArrayView<int> flags, SlicLayout layout,
        double spatialWeight)
    {
        if (flags[StoppedFlag] != 0)
            return;
        int width = layout.Width, pixels = layout.Pixels, count = layout.Count;
        int y = p / width, x = p - y * width, b = y / layout.StepY * layout.BinsX + x / layout.StepX;
        double best = double.MaxValue;
        int label = -1;
        for (int i = binStart[b]; i < binStart[b + 1]; i++)
        {
            int k = binList[i];
            if (y < windows[4 * k] || y >= windows[4 * k + 1] || x < windows[4 * k + 2] || x >= windows[4 * k + 3])
                continue;
            double dy = centres[k] - y, dx = centres[count + k] - x;
            double distance = RoundedProduct.Of(RoundedProduct.Of(dy, dy) + RoundedProduct.Of(dx, dx), spatialWeight);
            double colour = 0;
            for (int c = 0; c < layout.Channels; c++)
            {
                double t = features[c * pixels + p] - centres[(2 + c) * count + k];
                colour += RoundedProduct.Of(t, t);
            }
            distance += colour;
            if (best > distance)
            {
                best = distance;
                label = k;
            }
        }
        if (label < 0)
        {
            flags[UncoveredFlag] = 1;
            return;
        }
        labels[p] = label + layout.StartLabel;
        flags[AssignedFlag] = 1;
    }

    /// <summary>
    /// Centre <paramref name="k"/>'s new position and colour: the means of its pixels, found in raster order over its
    /// window (over the whole image if a pixel went uncovered, whose old label may lie outside every window), each
    /// sum accumulated in that order as _slic.pyx does. An empty cluster gets NaN (0/0), as there. When the pass
    /// assigned nothing, scikit-image stops: so does every later kernel.
    /// </summary>
    public static void Update(Index1D k, ArrayView<double> features, ArrayView<int> labels, ArrayView<int> windows,
        ArrayView<double> centres, ArrayView<int> flags, SlicLayout layout)
    {
        int width = layout.Width, height = layout.Height, pixels = layout.Pixels, count = layout.Count, channels = layout.Channels;
        if (flags[StoppedFlag] != 0)
            return;
        if (flags[AssignedFlag] == 0)
        {
            flags[StoppedFlag] = 1;
            return;
        }
        bool everywhere = flags[UncoveredFlag] != 0;
        int y0 = everywhere ? 0 : windows[4 * k], y1 = everywhere ? height : windows[4 * k + 1];
        int x0 = everywhere ? 0 : windows[4 * k + 2], x1 = everywhere ? width : windows[4 * k + 3];
        long n = 0, sumY = 0, sumX = 0;
        double s0 = 0, s1 = 0, s2 = 0;
        int label = k + layout.StartLabel;
        for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++)
            {
                int p = y * width + x;
                if (labels[p] != label)
                    continue;
                n++;
                sumY += y;
                sumX += x;
                s0 += features[p];
                if (channels == 3)
                {
                    s1 += features[pixels + p];
                    s2 += features[2 * pixels + p];
                }
            }
        double e = n;
        centres[k] = sumY / e;
        centres[count + k] = sumX / e;
        centres[2 * count + k] = s0 / e;
        if (channels == 3)
        {
            centres[3 * count + k] = s1 / e;
            centres[4 * count + k] = s2 / e;
        }
    }
}
