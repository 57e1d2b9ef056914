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

    public static int[] Enforce(int[] segments, int width, int height, int minSize, int maxSize, int startLabel)
    {
        int n = width * height, maskLabel = startLabel - 1;
        var connected = new int[n];
        Array.Fill(connected, maskLabel);
        // BFS queue: a piece never exceeds maxSize pixels (nor the image).
        var queue = new int[Math.Min(maxSize, n)];
        int currentNewLabel = startLabel;
        for (int start = 0; start < n; start++)
        {
            if (segments[start] == maskLabel || connected[start] > maskLabel)
                continue;
            int adjacent = currentNewLabel;
            int label = segments[start];
            connected[start] = currentNewLabel;
            int size = 1, visited = 0;
            queue[0] = start;
            while (visited < size && size < maxSize)
            {
                int at = queue[visited], x = at % width, y = at / width;
                for (int i = 0; i < 4; i++)
                {
                    int xx = x, yy = y;
                    switch (i)
                    {
                        case 0: xx++; break;
                        case 1: xx--; break;
                        case 2: yy++; break;
                        default: yy--; break;
                    }
                    if (xx < 0 || xx >= width || yy < 0 || yy >= height)
                        continue;
                    int q = yy * width + xx;
                    if (segments[q] == label && connected[q] == maskLabel)
                    {
                        connected[q] = currentNewLabel;
                        queue[size++] = q;
                        if (size >= maxSize)
                            break;
                    }
                    else if (connected[q] > maskLabel && connected[q] != currentNewLabel)
                        adjacent = connected[q];
                }
                visited++;
            }
            if (size < minSize)
                for (int i = 0; i < size; i++)
                    connected[queue[i]] = adjacent;
            else
                currentNewLabel++;
        }
        return connected;
    }
}
