using System.Runtime.CompilerServices;

namespace Iqa.Gpu.Slic;

/// <summary>
/// <c>_enforce_label_connectivity_cython</c> of scikit-image 0.19.3 (skimage/segmentation/_slic.pyx) for a 2-D label
/// map: pixels are visited in raster order; each one not yet relabelled starts a breadth-first search over its
/// 4-neighbours (order +x, −x, +y, −y) with the same k-means label, which stops growing at <c>max_size</c> pixels
/// (the rest of that piece starts a new search later). A piece smaller than <c>min_size</c> takes the new label of
/// the last already-relabelled neighbour the search met (<c>adjacent</c>, initially the piece's own new label, which
/// is then not consumed); any other piece takes the next new label, counting from <c>start_label</c>.
/// </summary>
internal sealed class SlicConnectivity
{
    private readonly int[] _segments, _connected, _queue, _queueX, _queueY;
    private readonly int _width, _height, _minSize, _maxSize, _maskLabel;
    private int _currentNewLabel;

    private SlicConnectivity(int[] segments, int width, int height, int minSize, int maxSize, int startLabel)
    {
        _segments = segments;
        _width = width;
        _height = height;
        _minSize = minSize;
        _maxSize = maxSize;
        _maskLabel = startLabel - 1;
        _currentNewLabel = startLabel;
        _connected = new int[width * height];
        // A new array is all zeros: the fill is only needed for start label 0 (mask label -1).
        if (_maskLabel != 0)
            Array.Fill(_connected, _maskLabel);
        // BFS queue of pixel indices and coordinates: a piece never exceeds maxSize pixels (nor the image).
        int capacity = Math.Min(maxSize, width * height);
        _queue = new int[capacity];
        _queueX = new int[capacity];
        _queueY = new int[capacity];
    }

    /// <summary>
    /// <c>min_size = int(min_size_factor * segment_size)</c> and <c>max_size = int(max_size_factor * segment_size)</c>
    /// with <c>segment_size = H * W / n_seeds</c> in double, as slic_superpixels.py computes them.
    /// </summary>
    public static (int Min, int Max) Sizes(int width, int height, int seeds, SlicParameters p)
    {
        double segmentSize = (double)width * height / seeds;
        double max = p.MaxSizeFactor * segmentSize;
        if (max < 1)
            throw new IqaException(
                $"slic: max size factor {p.MaxSizeFactor} allows pieces of less than one pixel ({segmentSize} pixels per seed)");
        return ((int)Math.Min(p.MinSizeFactor * segmentSize, int.MaxValue), (int)Math.Min(max, int.MaxValue));
    }

    /// <summary>The reference's loop as it is: a search from every pixel not yet relabelled, in raster order.</summary>
    public static int[] EnforcePixelwise(int[] segments, int width, int height, int minSize, int maxSize, int startLabel)
    {
        var c = new SlicConnectivity(segments, width, height, minSize, maxSize, startLabel);
        for (int start = 0; start < width * height; start++)
            if (c._connected[start] == c._maskLabel && segments[start] != c._maskLabel)
                c.Grow(start);
        return c._connected;
    }

    /// <summary>
    /// The same result from the 4-connected components of the k-means labels, found with a union-find over row runs.
    /// A search can only reach its own component, and the pixels relabelled before a given pixel are those of the
    /// components (or pieces) started earlier in raster order. A component of <c>min_size</c> to <c>max_size</c>
    /// pixels is therefore relabelled whole, with the next new label, when its first pixel comes, exactly what the
    /// search would do (it is neither merged nor cut); every other component (small, or cut at <c>max_size</c>) goes
    /// through the reference's search itself, from the same pixels, on the same relabelling state.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] Enforce(int[] segments, int width, int height, int minSize, int maxSize, int startLabel)
    {
        var c = new SlicConnectivity(segments, width, height, minSize, maxSize, startLabel);
        var runs = RowRuns.Find(segments, width, height, c._maskLabel);
        var done = new bool[runs.Count];
        for (int r = 0; r < runs.Count; r++)
        {
            int root = runs.Root[r];
            if (runs.Label[r] == c._maskLabel || done[root])
                continue;
            long size = runs.ComponentSize[root];
            if (size >= minSize && size <= maxSize)
            {
                int label = c._currentNewLabel++;
                for (int m = runs.MembersStart[root]; m < runs.MembersStart[root + 1]; m++)
                {
                    int member = runs.Members[m], row = runs.Row[member] * width;
                    c._connected.AsSpan(row + runs.Start[member], runs.End[member] - runs.Start[member]).Fill(label);
                }
                done[root] = true;
                continue;
            }
            int at = runs.Row[r] * width;
            for (int x = runs.Start[r]; x < runs.End[r]; x++)
                if (c._connected[at + x] == c._maskLabel)
                    c.Grow(at + x);
        }
        return c._connected;
    }

    /// <summary>The search from one pixel and its relabelling, as in _slic.pyx.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Grow(int start)
    {
        int width = _width, height = _height, maxSize = _maxSize, maskLabel = _maskLabel, newLabel = _currentNewLabel;
        int[] segments = _segments, connected = _connected, queue = _queue, queueX = _queueX, queueY = _queueY;
        int adjacent = newLabel;
        int label = segments[start];
        connected[start] = newLabel;
        int size = 1, visited = 0;
        queue[0] = start;
        queueX[0] = start % width;
        queueY[0] = start / width;
        while (visited < size && size < maxSize)
        {
            int at = queue[visited], x = queueX[visited], y = queueY[visited];
            visited++;
            // Neighbours in _slic.pyx's order (ddx, ddy): +x, -x, +y, -y; a full piece stops at once.
            if ((x + 1 < width && Visit(at + 1, x + 1, y)) || (x > 0 && Visit(at - 1, x - 1, y)) ||
                (y + 1 < height && Visit(at + width, x, y + 1)) || (y > 0 && Visit(at - width, x, y - 1)))
                break;
        }
        if (size < _minSize)
            for (int i = 0; i < size; i++)
                connected[queue[i]] = adjacent;
        else
            _currentNewLabel++;

        // One neighbour: joins the piece (true when the piece is then full) or records an adjacent new label.
        bool Visit(int q, int qx, int qy)
        {
            int c = connected[q];
            if (c == maskLabel && segments[q] == label)
            {
                connected[q] = newLabel;
                queue[size] = q;
                queueX[size] = qx;
                queueY[size] = qy;
                return ++size >= maxSize;
            }
            if (c > maskLabel && c != newLabel)
                adjacent = c;
            return false;
        }
    }

    /// <summary>
    /// Runs of equal labels in each row, in raster order, joined into 4-connected components (union-find, runs
    /// of consecutive rows with the same label and overlapping columns); per component its pixel count and its
    /// runs in raster order.
    /// </summary>
    private sealed class RowRuns
    {
        public int Count;
        public int[] Row = [], Start = [], End = [], Label = [], Root = [], Members = [], MembersStart = [];
        public long[] ComponentSize = [];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static RowRuns Find(int[] segments, int width, int height, int maskLabel)
        {
            var runs = new RowRuns();
            var rowFirst = new int[height + 1];
            // Rows are independent: counted, then listed, in parallel (each row's runs go to their own slots).
            Parallel.For(0, height, y => rowFirst[y + 1] = CountRuns(segments.AsSpan(y * width, width)));
            for (int y = 0; y < height; y++)
                rowFirst[y + 1] += rowFirst[y];
            int count = runs.Count = rowFirst[height];
            runs.Row = new int[count];
            runs.Start = new int[count];
            runs.End = new int[count];
            runs.Label = new int[count];
            Parallel.For(0, height, y =>
            {
                var row = segments.AsSpan(y * width, width);
                for (int x = 0, r = rowFirst[y]; x < width; r++)
                {
                    int end = row[x..].IndexOfAnyExcept(row[x]);
                    end = end < 0 ? width : x + end;
                    runs.Row[r] = y;
                    runs.Start[r] = x;
                    runs.End[r] = end;
                    runs.Label[r] = row[x];
                    x = end;
                }
            });
            var parent = new int[count];
            for (int r = 0; r < count; r++)
                parent[r] = r;
            for (int y = 1; y < height; y++)
            {
                // Two pointers over the runs of rows y-1 and y: overlapping columns and equal labels join.
                int a = rowFirst[y - 1], b = rowFirst[y];
                while (a < rowFirst[y] && b < rowFirst[y + 1])
                {
                    if (runs.Label[a] == runs.Label[b] && runs.Label[a] != maskLabel)
                        Union(parent, a, b);
                    if (runs.End[a] < runs.End[b])
                        a++;
                    else if (runs.End[b] < runs.End[a])
                        b++;
                    else
                    {
                        a++;
                        b++;
                    }
                }
            }
            runs.Root = new int[count];
            runs.ComponentSize = new long[count];
            var members = new int[count + 1];
            for (int r = 0; r < count; r++)
            {
                int root = Find(parent, r);
                runs.Root[r] = root;
                runs.ComponentSize[root] += runs.End[r] - runs.Start[r];
                members[root + 1]++;
            }
            for (int r = 0; r < count; r++)
                members[r + 1] += members[r];
            runs.MembersStart = (int[])members.Clone();
            runs.Members = new int[count];
            for (int r = 0; r < count; r++)
                runs.Members[members[runs.Root[r]]++] = r;
            return runs;
        }

        private static int CountRuns(ReadOnlySpan<int> row)
        {
            int runs = 0;
            for (int x = 0; x < row.Length; runs++)
            {
                int end = row[x..].IndexOfAnyExcept(row[x]);
                x = end < 0 ? row.Length : x + end;
            }
            return runs;
        }

        private static int Find(int[] parent, int r)
        {
            while (parent[r] != r)
                r = parent[r] = parent[parent[r]];
            return r;
        }

        /// <summary>Joins two sets; the smaller index becomes the root.</summary>
        private static void Union(int[] parent, int a, int b)
        {
            a = Find(parent, a);
            b = Find(parent, b);
            if (a < b)
                parent[b] = a;
            else if (b < a)
                parent[a] = b;
        }
    }
}
