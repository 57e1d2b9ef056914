namespace Iqa.Gpu.Slic;

/// <summary>
/// <c>_enforce_label_connectivity_cython</c> of scikit-image 0.19.3 (skimage/segmentation/_slic.pyx) for a 2-D label
/// map: pixels are visited in raster order; each one not yet relabelled starts a breadth-first search over its
/// 4-neighbours (order +x, −x, +y, −y) with the same k-means label, which stops growing at <c>max_size</c> pixels
/// (the rest of that piece starts a new search later). A piece smaller than <c>min_size</c> takes the new label of
/// the last already-relabelled neighbour the search met (<c>adjacent</c>, initially the piece's own new label, which
/// is then not consumed); any other piece takes the next new label, counting from <c>start_label</c>.
/// </summary>
internal static class SlicConnectivity
{
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

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static int[] Enforce(int[] segments, int width, int height, int minSize, int maxSize, int startLabel)
    {
        int n = width * height, maskLabel = startLabel - 1;
        var connected = new int[n];
        Array.Fill(connected, maskLabel);
        // BFS queue of pixel indices and coordinates: a piece never exceeds maxSize pixels (nor the image).
        int capacity = Math.Min(maxSize, n);
        var queue = new int[capacity];
        var queueX = new int[capacity];
        var queueY = new int[capacity];
        int currentNewLabel = startLabel;
        for (int start = 0; start < n; start++)
        {
            if (connected[start] > maskLabel || segments[start] == maskLabel)
                continue;
            int adjacent = currentNewLabel;
            int label = segments[start];
            connected[start] = currentNewLabel;
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
            if (size < minSize)
                for (int i = 0; i < size; i++)
                    connected[queue[i]] = adjacent;
            else
                currentNewLabel++;

            // One neighbour: joins the piece (true when the piece is then full) or records an adjacent new label.
            bool Visit(int q, int qx, int qy)
            {
                int c = connected[q];
                if (c == maskLabel && segments[q] == label)
                {
                    connected[q] = currentNewLabel;
                    queue[size] = q;
                    queueX[size] = qx;
                    queueY[size] = qy;
                    return ++size >= maxSize;
                }
                if (c > maskLabel && c != currentNewLabel)
                    adjacent = c;
                return false;
            }
        }
        return connected;
    }
}
