namespace Iqa.Gpu.Slic;

/// <summary>
/// The seeds and step sizes of scikit-image 0.19.3's SLIC on a 2-D image, which it sees as a volume of depth 1:
/// seeds from <c>_get_grid_centroids</c> (skimage/segmentation/slic_superpixels.py), i.e. the points of
/// <c>regular_grid((1, H, W), n_segments)</c> in raster order; <see cref="Step"/> = max of that grid's steps (the
/// depth's step of 1 included), which sets the spatial weight 1/step²; and the search window half-widths
/// 2·<see cref="StepY"/>, 2·<see cref="StepX"/> from <c>_slic_cython</c>, which calls <c>regular_grid</c> again with the
/// number of seeds actually placed rather than <c>n_segments</c>.
/// </summary>
internal sealed class SlicGrid
{
    private SlicGrid(int[] seedY, int[] seedX, int columns, double step, int stepY, int stepX)
    {
        Columns = columns;
        SeedY = seedY;
        SeedX = seedX;
        Step = step;
        StepY = stepY;
        StepX = stepX;
    }

    public int[] SeedY { get; }
    public int[] SeedX { get; }
    public int Count => SeedY.Length;

    /// <summary>Seeds per grid row: seed k starts in grid row k / Columns.</summary>
    public int Columns { get; }

    /// <summary><c>max(steps)</c>: a whole number stored as a double, as slic_superpixels.py computes it.</summary>
    public double Step { get; }

    public int StepY { get; }
    public int StepX { get; }

    /// <summary>
    /// <c>spatial_weight = 1.0 / (step * step)</c> in _slic.pyx, where <c>step</c> is a C <c>float</c> argument:
    /// the square is a float product, the division a double one.
    /// </summary>
    public double SpatialWeight
    {
        get
        {
            float step = (float)Step;
            return 1.0 / (step * step);
        }
    }

    public static SlicGrid Create(int width, int height, int segments)
    {
        var seeds = RegularGrid(height, width, segments);
        var (startY, stepY) = seeds[1];
        var (startX, stepX) = seeds[2];
        int rows = Points(height, startY, stepY), cols = Points(width, startX, stepX);
        var seedY = new int[rows * cols];
        var seedX = new int[rows * cols];
        for (int r = 0, k = 0; r < rows; r++)
            for (int c = 0; c < cols; c++, k++)
            {
                seedY[k] = startY + r * stepY;
                seedX[k] = startX + c * stepX;
            }
        double step = seeds.Max(s => (double)s.Step);
        var window = RegularGrid(height, width, seedY.Length);
        return new SlicGrid(seedY, seedX, cols, step, window[1].Step, window[2].Step);
    }

    private static int Points(int size, int start, int step) => start >= size ? 0 : (size - start + step - 1) / step;

    /// <summary>
    /// <c>skimage.util.regular_grid((1, height, width), points)</c> (skimage/util/_regular_grid.py) as (start, step)
    /// per axis (z, y, x); a slice without a step (<c>slice(None)</c>) is reported as start 0, step 1. Python's
    /// float <c>**</c> is the C library's pow, as is <see cref="Math.Pow"/>; <c>np.round</c> rounds half to even.
    /// </summary>
    public static (int Start, int Step)[] RegularGrid(int height, int width, int points)
    {
        long[] shape = [1, height, width];
        const int ndim = 3;
        double spaceSize = (double)height * width;
        if (spaceSize <= points)
            return [(0, 1), (0, 1), (0, 1)];
        // np.argsort of three values is an insertion sort: stable, so equal sizes keep their axis order.
        int[] order = Enumerable.Range(0, ndim).OrderBy(i => shape[i]).ToArray();
        long[] sorted = order.Select(i => shape[i]).ToArray();
        var stepsizes = new double[ndim];
        Array.Fill(stepsizes, Math.Pow(spaceSize / points, 1.0 / ndim));
        if (Enumerable.Range(0, ndim).Any(d => sorted[d] < stepsizes[d]))
        {
            for (int dim = 0; dim < ndim; dim++)
            {
                stepsizes[dim] = sorted[dim];
                double rest = 1;
                for (int d = dim + 1; d < ndim; d++)
                    rest *= sorted[d];
                if (dim + 1 < ndim)
                {
                    double s = Math.Pow(rest / points, 1.0 / (ndim - dim - 1));
                    for (int d = dim + 1; d < ndim; d++)
                        stepsizes[d] = s;
                }
                if (Enumerable.Range(0, ndim).All(d => sorted[d] >= stepsizes[d]))
                    break;
            }
        }
        var result = new (int Start, int Step)[ndim];
        for (int d = 0; d < ndim; d++)
            result[order[d]] = ((int)Math.Floor(stepsizes[d] / 2), (int)Math.Round(stepsizes[d], MidpointRounding.ToEven));
        return result;
    }
}
