using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Iqa.Gpu.Slic;

/// <summary>
/// The production k-means core of SLIC: the same labels as <see cref="SlicReference"/> (scikit-image's
/// <c>_slic_cython</c>), bit for bit, on all cores.
/// <para>
/// Assignment runs row by row in parallel. Each pixel's result does not depend on the other pixels: it is the
/// lowest-index centre among those with the smallest distance, over the centres whose window covers it, which is what
/// _slic.pyx's centre-by-centre loop with a strict <c>&gt;</c> produces. A row therefore visits the centres whose
/// window covers it in index order, each over its window's columns, with the distance computed by the same double
/// operations in the same order (no fused multiply-add), eight or four pixels at a time.
/// </para>
/// <para>
/// The centre update needs scikit-image's rounding: each cluster's colour sum is accumulated in raster order, one
/// double addition at a time. Clusters are split into contiguous index ranges, one per worker; a worker scans the
/// rows its clusters' windows span, in raster order, and adds the pixels of its own clusters only. Every cluster
/// thus sees its pixels in exactly the reference order, whichever worker owns it, so the sums are the reference's
/// sums bit for bit; coordinate sums and counts are integers, exact in any order.
/// </para>
/// </summary>
internal static class SlicCpu
{
    public static int[] Cluster(SlicFeatures features, SlicGrid grid, SlicParameters p)
    {
        var state = new State(features, grid, p.StartLabel);
        for (int iteration = 0; iteration < p.MaxIterations; iteration++)
        {
            state.PrepareWindows();
            if (!state.Assign())
                break;
            // scikit-image also updates the centres after the last assignment; the labels do not depend on it.
            if (iteration + 1 < p.MaxIterations)
                state.Update();
        }
        return state.Labels;
    }

    private sealed class State
    {
        private readonly SlicFeatures _f;
        private readonly SlicGrid _grid;
        private readonly int _start, _count, _channels, _w, _h;
        private readonly double _spatialWeight;
        // Centres: coordinates, colours (planar by channel), windows.
        private readonly double[] _cy, _cx, _colour;
        private readonly int[] _yMin, _yMax, _xMin, _xMax;
        // Per row: the centres whose window covers it, in index order (CSR).
        private readonly int[] _rowStart, _rowCentres;
        private bool _uncovered;

        public State(SlicFeatures f, SlicGrid grid, int startLabel)
        {
            _f = f;
            _grid = grid;
            _start = startLabel;
            _count = grid.Count;
            _channels = f.Channels;
            _w = f.Width;
            _h = f.Height;
            _spatialWeight = grid.SpatialWeight;
            _cy = grid.SeedY.Select(v => (double)v).ToArray();
            _cx = grid.SeedX.Select(v => (double)v).ToArray();
            _colour = new double[_channels * _count];
            _yMin = new int[_count];
            _yMax = new int[_count];
            _xMin = new int[_count];
            _xMax = new int[_count];
            _rowStart = new int[_h + 1];
            _rowCentres = new int[_count * Math.Min(_h, 4 * grid.StepY + 1)];
            Labels = new int[f.Pixels];
            Array.Fill(Labels, startLabel - 1);
        }

        public int[] Labels { get; }

        public void PrepareWindows()
        {
            Array.Clear(_rowStart);
            for (int k = 0; k < _count; k++)
            {
                (_yMin[k], _yMax[k]) = SlicReference.Window(_cy[k], _grid.StepY, _h);
                (_xMin[k], _xMax[k]) = SlicReference.Window(_cx[k], _grid.StepX, _w);
                if (_xMin[k] >= _xMax[k])
                    _yMax[k] = _yMin[k];
                for (int y = _yMin[k]; y < _yMax[k]; y++)
                    _rowStart[y + 1]++;
            }
            for (int y = 0; y < _h; y++)
                _rowStart[y + 1] += _rowStart[y];
            Span<int> fill = _h <= 4096 ? stackalloc int[_h] : new int[_h];
            _rowStart.AsSpan(0, _h).CopyTo(fill);
            for (int k = 0; k < _count; k++)
                for (int y = _yMin[k]; y < _yMax[k]; y++)
                    _rowCentres[fill[y]++] = k;
        }

        /// <summary>One assignment pass; false when no pixel was assigned (scikit-image then stops).</summary>
        public bool Assign()
        {
            int assigned = 0, uncovered = 0;
            Parallel.For(0, _h, () => new RowBuffers(_w), (y, _, buffers) =>
            {
                var (any, gaps) = Environment.GetEnvironmentVariable("SLIC256") is null && Vector512.IsHardwareAccelerated ? AssignRow<Double512>(y, buffers) : AssignRow<Double256>(y, buffers);
                if (any)
                    Volatile.Write(ref assigned, 1);
                if (gaps)
                    Volatile.Write(ref uncovered, 1);
                return buffers;
            }, _ => { });
            _uncovered = uncovered != 0;
            return assigned != 0;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private (bool Assigned, bool Uncovered) AssignRow<TVec>(int y, RowBuffers buffers) where TVec : struct, IDoubleVector<TVec>
        {
            int w = _w, n = _f.Pixels, row = y * w;
            var best = buffers.Best;
            var label = buffers.Label;
            Array.Fill(best, double.MaxValue);
            for (int x = 0; x < w; x++)
                label[x] = Labels[row + x];
            double[] data = _f.Data;
            ref double l0 = ref data[row];
            ref double l1 = ref _channels == 3 ? ref data[n + row] : ref l0;
            ref double l2 = ref _channels == 3 ? ref data[2 * n + row] : ref l0;
            ref double xs = ref buffers.Columns[0];
            ref double bestRef = ref best[0];
            ref double labelRef = ref label[0];
            var sw = TVec.Create(_spatialWeight);
            for (int j = _rowStart[y]; j < _rowStart[y + 1]; j++)
            {
                int k = _rowCentres[j];
                double dyScalar = _cy[k] - y;
                var dy = TVec.Create(dyScalar * dyScalar);
                var cx = TVec.Create(_cx[k]);
                var kv = TVec.Create(k + _start);
                var c0 = TVec.Create(_colour[k]);
                int x0 = _xMin[k], x1 = _xMax[k];
                if (x1 - x0 < TVec.Count)
                {
                    // Narrow window: scalar, same operations.
                    for (int x = x0; x < x1; x++)
                        AssignPixel(k, x, dyScalar * dyScalar, ref Unsafe.Add(ref l0, x), ref Unsafe.Add(ref l1, x),
                            ref Unsafe.Add(ref l2, x), best, label);
                    continue;
                }
                // Vectors from x0; the last one ends at x1 and may overlap the previous one, which is harmless:
                // seeing the same centre twice changes nothing (the second distance is not strictly smaller).
                if (_channels == 3)
                {
                    var c1 = TVec.Create(_colour[_count + k]);
                    var c2 = TVec.Create(_colour[2 * _count + k]);
                    for (int x = x0; ; x += TVec.Count)
                    {
                        if (x > x1 - TVec.Count)
                            x = x1 - TVec.Count;
                        nuint at = (nuint)x;
                        var dx = cx - TVec.Load(ref xs, at);
                        var spatial = (dy + dx * dx) * sw;
                        var b = TVec.Load(ref bestRef, at);
                        // The colour term is >= 0 and rounding is monotone: spatial >= best rules the centre out.
                        if (TVec.LessThan(spatial, b).Any())
                        {
                        var t0 = TVec.Load(ref l0, at) - c0;
                        var t1 = TVec.Load(ref l1, at) - c1;
                        var t2 = TVec.Load(ref l2, at) - c2;
                        var dist = spatial + (t0 * t0 + t1 * t1 + t2 * t2);
                        var closer = TVec.LessThan(dist, b);
                        TVec.Select(closer, dist, b).Store(ref bestRef, at);
                        TVec.Select(closer, kv, TVec.Load(ref labelRef, at)).Store(ref labelRef, at);
                        }
                        if (x == x1 - TVec.Count)
                            break;
                    }
                }
                else
                {
                    for (int x = x0; ; x += TVec.Count)
                    {
                        if (x > x1 - TVec.Count)
                            x = x1 - TVec.Count;
                        nuint at = (nuint)x;
                        var dx = cx - TVec.Load(ref xs, at);
                        var spatial = (dy + dx * dx) * sw;
                        var t0 = TVec.Load(ref l0, at) - c0;
                        var dist = spatial + t0 * t0;
                        var b = TVec.Load(ref bestRef, at);
                        var closer = TVec.LessThan(dist, b);
                        TVec.Select(closer, dist, b).Store(ref bestRef, at);
                        TVec.Select(closer, kv, TVec.Load(ref labelRef, at)).Store(ref labelRef, at);
                        if (x == x1 - TVec.Count)
                            break;
                    }
                }
            }
            bool assigned = false, uncovered = false;
            for (int x = 0; x < w; x++)
            {
                if (best[x] < double.MaxValue)
                {
                    Labels[row + x] = (int)label[x];
                    assigned = true;
                }
                else
                    uncovered = true;
            }
            return (assigned, uncovered);
        }

        private void AssignPixel(int k, int x, double dy, ref double v0, ref double v1, ref double v2, double[] best, double[] label)
        {
            double dx = _cx[k] - x;
            dx *= dx;
            double dist = (dy + dx) * _spatialWeight;
            double t = v0 - _colour[k];
            double colour = t * t;
            if (_channels == 3)
            {
                t = v1 - _colour[_count + k];
                colour += t * t;
                t = v2 - _colour[2 * _count + k];
                colour += t * t;
            }
            dist += colour;
            if (dist < best[x])
            {
                best[x] = dist;
                label[x] = k + _start;
            }
        }

        /// <summary>New centres: means of each cluster's pixels, colour sums in raster order (see the class summary).</summary>
        public void Update()
        {
            int workers = Math.Min(Environment.ProcessorCount, _count);
            var elements = new long[_count];
            var sumY = new long[_count];
            var sumX = new long[_count];
            Array.Clear(_colour);
            Parallel.For(0, workers, t =>
            {
                int k0 = (int)((long)_count * t / workers), k1 = (int)((long)_count * (t + 1) / workers);
                int y0 = 0, y1 = _h;
                if (!_uncovered)
                {
                    // Every pixel was assigned this pass, so a cluster's pixels lie inside its window.
                    y0 = _h;
                    y1 = 0;
                    for (int k = k0; k < k1; k++)
                        if (_yMin[k] < _yMax[k])
                        {
                            y0 = Math.Min(y0, _yMin[k]);
                            y1 = Math.Max(y1, _yMax[k]);
                        }
                }
                SumRows(k0 + _start, k1 + _start, y0, y1, elements, sumY, sumX);
            });
            for (int k = 0; k < _count; k++)
            {
                // An empty cluster gets 0/0 = NaN, as in _slic.pyx, and an empty window from then on.
                double e = elements[k];
                _cy[k] = sumY[k] / e;
                _cx[k] = sumX[k] / e;
                for (int c = 0; c < _channels; c++)
                    _colour[c * _count + k] /= e;
            }
        }

        /// <summary>Adds the pixels of rows [y0, y1) whose label is in [l0, l1), in raster order.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void SumRows(int l0, int l1, int y0, int y1, long[] elements, long[] sumY, long[] sumX)
        {
            int n = _f.Pixels, count = _count, channels = _channels;
            double[] data = _f.Data, colour = _colour;
            for (int y = y0; y < y1; y++)
            {
                int row = y * _w;
                for (int x = 0; x < _w;)
                {
                    int label = Labels[row + x];
                    int end = x + 1;
                    while (end < _w && Labels[row + end] == label)
                        end++;
                    if (label >= l0 && label < l1)
                    {
                        // A run of one cluster: its running sums stay in registers.
                        int k = label - _start;
                        int length = end - x;
                        elements[k] += length;
                        sumY[k] += (long)y * length;
                        sumX[k] += (long)(x + end - 1) * length / 2;
                        for (int c = 0; c < channels; c++)
                        {
                            ref double s = ref colour[c * count + k];
                            double acc = s;
                            for (int i = row + x + c * n, stop = row + end + c * n; i < stop; i++)
                                acc += data[i];
                            s = acc;
                        }
                    }
                    x = end;
                }
            }
        }
    }

    /// <summary>One worker's row scratch: best distances, labels (as doubles, for vector selects), column indices.</summary>
    private sealed class RowBuffers(int width)
    {
        public double[] Best { get; } = new double[width];
        public double[] Label { get; } = new double[width];
        public double[] Columns { get; } = Enumerable.Range(0, width).Select(x => (double)x).ToArray();
    }
}
