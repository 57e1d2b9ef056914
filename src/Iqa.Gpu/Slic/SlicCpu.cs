using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Iqa.Gpu.Slic;

/// <summary>
/// The production k-means core of SLIC: the same labels as <see cref="SlicReference"/> (scikit-image's
/// <c>_slic_cython</c>), bit for bit, on all cores.
/// <para>
/// Assignment. A pixel's label does not depend on the other pixels: it is the lowest-index centre among those at the
/// smallest distance (computed in double, as _slic.pyx does), over the centres whose window covers it; that is what
/// the reference's centre-by-centre loop with a strict <c>&gt;</c> produces. Rows run in parallel. A row first
/// screens its centres in float, sixteen pixels at a time, in any order (seed rows nearest first), keeping per pixel
/// the smallest distance b1 with its centre, and b2, at most the distance of every other centre.
/// <see cref="ScreenBound"/> bounds the gap between a float distance d̃ and the reference's double one:
/// |d̃ − d| ≤ L(d̃) = Slope·d̃ + Offset, with x − L(x) increasing. If b2 − L(b2) &gt; b1 + L(b1), every other centre's
/// double distance exceeds the b1 centre's: that centre is the reference's choice, and no tie is possible. The
/// other pixels (0.1 to 0.5 % of the decisions at 1080p, mostly in the first pass, where every centre's colour is 0
/// and pixels equidistant from two seeds tie) are settled by the reference's double arithmetic over their centres in
/// index order.
/// </para>
/// <para>
/// Update. scikit-image's centres are means whose colour sums are accumulated in raster order, one double addition
/// at a time, and the next assignment depends on their last bit. Clusters are split into contiguous index ranges,
/// one per worker; a worker scans, in raster order, the rows its clusters' windows span and adds the pixels of its
/// own clusters only. Each cluster thus receives its pixels in exactly the reference order, whichever worker owns
/// it, so its sums equal the reference's bit for bit; coordinate sums and counts are integers, exact in any order.
/// </para>
/// </summary>
internal static class SlicCpu
{
    public static int[] Cluster(SlicFeatures features, SlicGrid grid, SlicParameters p)
    {
        var state = new State(features, grid, p.StartLabel);
        for (int iteration = 0; iteration < p.MaxIterations; iteration++)
        {
            state.PrepareCentres();
            if (!state.Assign())
                break;
            // scikit-image also updates the centres after the last assignment; the labels do not depend on it.
            if (iteration + 1 < p.MaxIterations)
                state.Update();
        }
        return state.Labels;
    }

    /// <summary>
    /// E(x) such that |d̃ − d| ≤ E(d̃) for every float distance d̃ of the screen and the double distance d of the
    /// reference, both approximating the real distance D of the reference's double inputs. With u = 2⁻²⁴:
    /// the spatial part is a sum and product of non-negative terms, each rounded to float: relative error ≤ 5.01u.
    /// A colour difference t = f − c is formed from f and c rounded to float, so |t̃ − t| ≤ 2.01u·A_i, where
    /// A_i ≥ |f| + |c| for channel i, hence |t̃² − t²| ≤ 4.02u·A_i|t| + 4.05u²A_i², and Σ A_i|t_i| ≤ ‖A‖√D; the
    /// squares are added to the spatial part by three fused multiply-adds, three roundings: 3.1u·D. In all
    /// |d̃ − D| ≤ 6.1u·D + a√D + b, a = 4.03u‖A‖, b = 4.1u²‖A‖². Written in terms of d̃ (solve the quadratic in √|d̃ − D|, then AM-GM on the cross terms):
    /// |d̃ − D| ≤ 9.2u·d̃ + 6.1u‖A‖√d̃ + 47u²‖A‖². The reference's own rounding, |d − D| ≤ 5·2⁻⁵³·D, and float
    /// underflow (2⁻¹⁴⁹ per operation) fit in the margins taken here. The square root of max(x, 64u²‖A‖²) keeps
    /// the bound valid and makes x − E(x) increasing (its slope stays above 1/2).
    /// </summary>
    internal readonly struct ScreenBound
    {
        private const double U = 1.0 / (1 << 24);

        public ScreenBound(double normA)
        {
            double a = 8 * U * normA, floor = 64 * U * U * normA * normA;
            // E(x) = 16u·x + a·√max(x, floor) + floor + 2⁻¹²⁰ ≤ Slope·x + Offset, as √x ≤ (1 + x) / 2.
            Slope = 16 * U + a / 2;
            Offset = a + a * Math.Sqrt(floor) + floor + Math.ScaleB(1.0, -120);
        }

        /// <summary>E(x) ≤ L(x) = Slope·x + Offset; x − L(x) increases while Slope &lt; 1.</summary>
        public double Slope { get; }
        public double Offset { get; }

        /// <summary>
        /// b2 − L(b2) &gt; b1 + L(b1), that is b2 − b1 &gt; Slope·(b1 + b2) + 2·Offset: the centre at float distance b1
        /// is, in the reference's double arithmetic, strictly closer than every centre at float distance b2 or more.
        /// </summary>
        public bool Separates(double b1, double b2) => b2 - b1 > Slope * (b1 + b2) + 2 * Offset;
    }

    private sealed class State
    {
        /// <summary>Padding after the float arrays: a vector started inside reads at most this far past the end.</summary>
        private const int Pad = SlicFeatures.NarrowPad;

        private readonly SlicFeatures _f;
        private readonly SlicGrid _grid;
        private readonly int _start, _count, _channels, _w, _h, _n;
        private readonly double _spatialWeight;
        private readonly float[] _features;
        private readonly double[] _featureMax;
        // Centres: coordinates, colours (planar by channel, in double and float), windows.
        private readonly double[] _cy, _cx, _colour;
        private readonly float[] _colourF;
        private readonly int[] _yMin, _yMax, _xMin, _xMax;
        // Per centre, (cx - x)² in float over its window's columns, from _dxOffset[k].
        private readonly float[] _dx2;
        private readonly int[] _dxOffset;
        // Per row: the centres whose window covers it, in index order (CSR).
        private readonly int[] _rowStart, _rowCentres;
        private ScreenBound _bound;
        private float _slopeF, _offsetF, _capScale, _capOffset;
        private bool _screen, _uncovered;

        public State(SlicFeatures f, SlicGrid grid, int startLabel)
        {
            _f = f;
            _grid = grid;
            _start = startLabel;
            _count = grid.Count;
            _channels = f.Channels;
            _w = f.Width;
            _h = f.Height;
            _n = f.Pixels;
            _spatialWeight = grid.SpatialWeight;
            _features = f.Narrow;
            _featureMax = f.Maximum;
            _cy = grid.SeedY.Select(v => (double)v).ToArray();
            _cx = grid.SeedX.Select(v => (double)v).ToArray();
            _colour = new double[_channels * _count];
            _colourF = new float[_channels * _count];
            _yMin = new int[_count];
            _yMax = new int[_count];
            _xMin = new int[_count];
            _xMax = new int[_count];
            int windowWidth = Math.Min(_w, 4 * grid.StepX + 1), windowHeight = Math.Min(_h, 4 * grid.StepY + 1);
            _dx2 = new float[_count * windowWidth + Pad];
            _dxOffset = new int[_count];
            _rowStart = new int[_h + 1];
            _rowCentres = new int[_count * windowHeight];
            Labels = new int[_n];
            // Unassigned pixels hold start label - 1; a new array already holds 0.
            if (startLabel != 1)
                Array.Fill(Labels, startLabel - 1);
        }

        public int[] Labels { get; }

        /// <summary>Windows, row lists, float colours and column tables of the current centres.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void PrepareCentres()
        {
            Array.Clear(_rowStart);
            int offset = 0;
            // A centre's colour is a mean of features: |c| ≤ max |f| per channel, so ‖A‖ ≤ 2‖max |f|‖.
            double normA = 0;
            for (int c = 0; c < _channels; c++)
                normA += 4 * _featureMax[c] * _featureMax[c];
            normA = Math.Sqrt(normA);
            _bound = new ScreenBound(normA);
            // The screen needs every float distance finite (squares of differences up to 2·max|f|, spatial terms
            // ≤ 9·4), a bound slope below 1/2 (see ScreenBound), and labels exact as floats.
            _screen = 3 * normA * normA + 64 < 1e36 && _bound.Slope < 0.5 && _count + _start < 1 << 24;
            _slopeF = RoundedUp(_bound.Slope * (1 + 1.0 / 1024));
            _offsetF = RoundedUp(2 * _bound.Offset * (1 + 1.0 / 1024));
            // Any b2 above b1·(1 + 8·Slope) + 8·Offset separates (4 times the test's threshold and more): capping the
            // stored b2 there decides the same pixels while letting more centres be skipped.
            _capScale = RoundedUp(1 + 8 * _bound.Slope);
            _capOffset = RoundedUp(8 * _bound.Offset);
            for (int k = 0; k < _count; k++)
            {
                (_yMin[k], _yMax[k]) = SlicReference.Window(_cy[k], _grid.StepY, _h);
                (_xMin[k], _xMax[k]) = SlicReference.Window(_cx[k], _grid.StepX, _w);
                if (_xMin[k] >= _xMax[k])
                    _yMax[k] = _yMin[k];
                for (int y = _yMin[k]; y < _yMax[k]; y++)
                    _rowStart[y + 1]++;
                for (int c = 0; c < _channels; c++)
                    _colourF[c * _count + k] = (float)_colour[c * _count + k];
                _dxOffset[k] = offset;
                for (int x = _xMin[k]; x < _xMax[k]; x++)
                {
                    double dx = _cx[k] - x;
                    _dx2[offset++] = (float)(dx * dx);
                }
            }
            for (int y = 0; y < _h; y++)
                _rowStart[y + 1] += _rowStart[y];
            var fill = new int[_h];
            _rowStart.AsSpan(0, _h).CopyTo(fill);
            for (int k = 0; k < _count; k++)
                for (int y = _yMin[k]; y < _yMax[k]; y++)
                    _rowCentres[fill[y]++] = k;
        }

        /// <summary>One assignment pass; false when no pixel was assigned (scikit-image then stops).</summary>
        public bool Assign()
        {
            int assigned = 0, uncovered = 0;
            bool wide = Vector512.IsHardwareAccelerated;
            Parallel.For(0, _h, () => new RowBuffers(_w + Pad), (y, _, buffers) =>
            {
                var (any, gaps) = !_screen ? DecideExactly(y, buffers.AllColumns, _w)
                    : wide ? Screen<Float512>(y, buffers)
                    : Screen<Float256>(y, buffers);
                if (any)
                    Volatile.Write(ref assigned, 1);
                if (gaps)
                    Volatile.Write(ref uncovered, 1);
                return buffers;
            }, _ => { });
            _uncovered = uncovered != 0;
            return assigned != 0;
        }

        /// <summary>
        /// Float distances of row y to its centres: the smallest (b1) with its centre's label, and b2, at most the
        /// distance of every other centre: the second smallest, capped at b1·(1 + 8·Slope) + 8·Offset, above which any
        /// value separates. Neither depends on the order, so the centres go by seed row, nearest first: b2 drops
        /// early, and a centre whose spatial term alone reaches b2 on a whole vector is skipped there.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void ScreenRow<TVec>(int y, RowBuffers buffers) where TVec : struct, IFloatVector<TVec>
        {
            Array.Fill(buffers.Best, float.PositiveInfinity);
            Array.Fill(buffers.Second, float.PositiveInfinity);
            int first = _rowStart[y], end = _rowStart[y + 1];
            if (first == end)
                return;
            // The row list is in index order, so each seed row's centres are one stretch of it.
            Span<(double Distance, int Start, int End)> groups = stackalloc (double, int, int)[MaxGroups];
            int count = 0;
            for (int j = first; j < end && count < MaxGroups;)
            {
                int group = _rowCentres[j] / _grid.Columns, stop = j + 1;
                while (stop < end && _rowCentres[stop] / _grid.Columns == group)
                    stop++;
                groups[count++] = (Math.Abs(_cy[_rowCentres[j]] - y), j, stop);
                j = stop;
            }
            if (groups[count - 1].End < end)
                groups[count - 1].End = end;
            groups[..count].Sort();
            foreach (var (_, start, stop) in groups[..count])
                ScreenCentres<TVec>(y, start, stop, buffers);
        }

        private const int MaxGroups = 32;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void ScreenCentres<TVec>(int y, int start, int stop, RowBuffers buffers) where TVec : struct, IFloatVector<TVec>
        {
            int row = y * _w;
            ref float f0 = ref _features[row];
            ref float f1 = ref _channels == 3 ? ref _features[_n + row] : ref f0;
            ref float f2 = ref _channels == 3 ? ref _features[2 * _n + row] : ref f0;
            ref float bestRef = ref buffers.Best[0];
            ref float secondRef = ref buffers.Second[0];
            ref float whichRef = ref buffers.Which[0];
            ref float tailMasks = ref buffers.TailMasks[0];
            var sw = TVec.Create((float)_spatialWeight);
            var infinity = TVec.Create(float.PositiveInfinity);
            var capScale = TVec.Create(_capScale);
            var capOffset = TVec.Create(_capOffset);
            for (int j = start; j < stop; j++)
            {
                int k = _rowCentres[j];
                double dy = _cy[k] - y;
                var dy2 = TVec.Create((float)(dy * dy));
                var label = TVec.Create(k + _start);
                var c0 = TVec.Create(_colourF[k]);
                var c1 = _channels == 3 ? TVec.Create(_colourF[_count + k]) : c0;
                var c2 = _channels == 3 ? TVec.Create(_colourF[2 * _count + k]) : c0;
                int x0 = _xMin[k], x1 = _xMax[k];
                ref float dx2 = ref _dx2[_dxOffset[k] - x0];
                for (int x = x0; x < x1; x += TVec.Count)
                {
                    nuint at = (nuint)x;
                    var spatial = (dy2 + TVec.Load(ref dx2, at)) * sw;
                    if (x1 - x < TVec.Count)
                        spatial = TVec.Select(TVec.Load(ref tailMasks, (nuint)((x1 - x) * 16)), spatial, infinity);
                    var second = TVec.Load(ref secondRef, at);
                    // The colour term is >= 0 and rounding is monotone: spatial >= b2 leaves b1 and b2 as they are.
                    if (!TVec.LessThan(spatial, second).Any())
                        continue;
                    // spatial + t0² + t1² + t2², each square added with one rounding (fewer than the bound allows).
                    var t0 = TVec.Load(ref f0, at) - c0;
                    var dist = TVec.MultiplyAdd(t0, t0, spatial);
                    if (_channels == 3)
                    {
                        var t1 = TVec.Load(ref f1, at) - c1;
                        var t2 = TVec.Load(ref f2, at) - c2;
                        dist = TVec.MultiplyAdd(t2, t2, TVec.MultiplyAdd(t1, t1, dist));
                    }
                    var best = TVec.Load(ref bestRef, at);
                    var closer = TVec.LessThan(dist, best);
                    var nearest = TVec.Min(best, dist);
                    TVec.Min(TVec.Select(closer, best, TVec.Min(second, dist)), nearest * capScale + capOffset).Store(ref secondRef, at);
                    nearest.Store(ref bestRef, at);
                    TVec.Select(closer, label, TVec.Load(ref whichRef, at)).Store(ref whichRef, at);
                }
            }
        }

        private (bool Assigned, bool Uncovered) Screen<TVec>(int y, RowBuffers buffers) where TVec : struct, IFloatVector<TVec>
        {
            ScreenRow<TVec>(y, buffers);
            return Decide<TVec>(y, buffers);
        }

        /// <summary>
        /// Labels of row y: the screened centre where it is provably the reference's, else (<see cref="DecideExactly"/>)
        /// the reference's arithmetic. The vector test is the bound's in float with its constants raised by 2⁻¹⁰ and
        /// rounded up, which more than covers the four float roundings of the test (each at most 2⁻²⁴ relative).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private (bool Assigned, bool Uncovered) Decide<TVec>(int y, RowBuffers buffers) where TVec : struct, IFloatVector<TVec>
        {
            int row = y * _w, x = 0, pending = 0;
            bool assigned = false;
            ref float bestRef = ref buffers.Best[0];
            ref float secondRef = ref buffers.Second[0];
            ref float whichRef = ref buffers.Which[0];
            ref int labels = ref Labels[row];
            var infinity = TVec.Create(float.PositiveInfinity);
            var slope = TVec.Create(_slopeF);
            var offset = TVec.Create(_offsetF);
            for (; x + TVec.Count <= _w; x += TVec.Count)
            {
                nuint at = (nuint)x;
                var b1 = TVec.Load(ref bestRef, at);
                var b2 = TVec.Load(ref secondRef, at);
                var decided = TVec.LessThan(b1, infinity) &
                              (TVec.Equals(b2, infinity) | TVec.LessThan(slope * (b1 + b2) + offset, b2 - b1));
                if (decided.All())
                {
                    TVec.Load(ref whichRef, at).StoreInt32(ref labels, at);
                    assigned = true;
                }
                else
                    DecidePixels(y, x, x + TVec.Count, buffers, ref pending, ref assigned);
            }
            DecidePixels(y, x, _w, buffers, ref pending, ref assigned);
            var (exactAssigned, uncovered) = DecideExactly(y, buffers.Pending, pending);
            return (assigned | exactAssigned, uncovered);
        }

        /// <summary>
        /// Pixels [x0, x1) of row y one by one: <see cref="Decide{TVec}"/>'s test in double; those it cannot decide
        /// are appended to the row's pending list.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void DecidePixels(int y, int x0, int x1, RowBuffers buffers, ref int pending, ref bool assigned)
        {
            for (int x = x0; x < x1; x++)
            {
                float b1 = buffers.Best[x], b2 = buffers.Second[x];
                if (b1 < float.PositiveInfinity && (b2 == float.PositiveInfinity || _bound.Separates(b1, b2)))
                {
                    Labels[y * _w + x] = (int)buffers.Which[x];
                    assigned = true;
                }
                else
                    buffers.Pending[pending++] = x;
            }
        }

        private static float RoundedUp(double value)
        {
            float f = (float)value;
            return f >= value ? f : MathF.BitIncrement(f);
        }

        /// <summary>
        /// _slic.pyx's arithmetic for the pixels <paramref name="xs"/> (ascending) of row y: the row's centres in index
        /// order, each over the listed pixels inside its window, strict comparison. A pixel no centre covers keeps
        /// its label (reported as uncovered).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private (bool Assigned, bool Uncovered) DecideExactly(int y, int[] xs, int count)
        {
            if (count == 0)
                return (false, false);
            Span<double> best = count <= 256 ? stackalloc double[count] : new double[count];
            Span<int> label = count <= 256 ? stackalloc int[count] : new int[count];
            best.Fill(double.MaxValue);
            label.Fill(_start - 1);
            var data = _f.Data;
            var pixels = xs.AsSpan(0, count);
            for (int j = _rowStart[y]; j < _rowStart[y + 1]; j++)
            {
                int k = _rowCentres[j], x1 = _xMax[k];
                double dy = _cy[k] - y;
                dy *= dy;
                int p = pixels.BinarySearch(_xMin[k]);
                for (p = p < 0 ? ~p : p; p < count && pixels[p] < x1; p++)
                {
                    int x = pixels[p], i = y * _w + x;
                    double dx = _cx[k] - x;
                    dx *= dx;
                    double dist = (dy + dx) * _spatialWeight;
                    double colour = 0;
                    for (int c = 0; c < _channels; c++)
                    {
                        double t = data[c * _n + i] - _colour[c * _count + k];
                        colour += t * t;
                    }
                    dist += colour;
                    if (best[p] > dist)
                    {
                        best[p] = dist;
                        label[p] = k + _start;
                    }
                }
            }
            bool assigned = false, uncovered = false;
            for (int p = 0; p < count; p++)
            {
                if (label[p] < _start)
                    uncovered = true;
                else
                {
                    Labels[y * _w + pixels[p]] = label[p];
                    assigned = true;
                }
            }
            return (assigned, uncovered);
        }

        /// <summary>New centres: means of each cluster's pixels, colour sums in raster order (see the class summary).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
            int n = _n, count = _count, w = _w;
            double[] data = _f.Data, colour = _colour;
            int[] labels = Labels;
            for (int y = y0; y < y1; y++)
            {
                int row = y * w;
                for (int x = 0; x < w;)
                {
                    int label = labels[row + x];
                    int end = RunEnd(labels.AsSpan(row, w), x, label);
                    if (label >= l0 && label < l1)
                    {
                        int k = label - _start, length = end - x;
                        elements[k] += length;
                        sumY[k] += (long)y * length;
                        sumX[k] += (long)(x + end - 1) * length / 2;
                        // One chain of additions per channel, interleaved; each keeps the raster order.
                        if (_channels == 3)
                        {
                            double s0 = colour[k], s1 = colour[count + k], s2 = colour[2 * count + k];
                            for (int i = row + x; i < row + end; i++)
                            {
                                s0 += data[i];
                                s1 += data[n + i];
                                s2 += data[2 * n + i];
                            }
                            colour[k] = s0;
                            colour[count + k] = s1;
                            colour[2 * count + k] = s2;
                        }
                        else
                        {
                            double s0 = colour[k];
                            for (int i = row + x; i < row + end; i++)
                                s0 += data[i];
                            colour[k] = s0;
                        }
                    }
                    x = end;
                }
            }
        }

        /// <summary>The end of the run of <paramref name="label"/> that starts at <paramref name="x"/>.</summary>
        private static int RunEnd(ReadOnlySpan<int> row, int x, int label)
        {
            int end = row[(x + 1)..].IndexOfAnyExcept(label);
            return end < 0 ? row.Length : x + 1 + end;
        }
    }

    /// <summary>One worker's row scratch (padded): b1, b2, the b1 centre's label (a whole number as float), tail masks.</summary>
    private sealed class RowBuffers(int length)
    {
        public float[] Best { get; } = new float[length];
        public float[] Second { get; } = new float[length];
        public float[] Which { get; } = new float[length];

        /// <summary>Columns of the row the screen left undecided.</summary>
        public int[] Pending { get; } = new int[length];

        /// <summary>0, 1, 2, ...: every column, when there is no screen.</summary>
        public int[] AllColumns { get; } = Enumerable.Range(0, length).ToArray();

        /// <summary>Row r (r = 1..16) of 16 lanes: the first r lanes all ones, the rest zero.</summary>
        public float[] TailMasks { get; } = Enumerable.Range(0, 17 * 16)
            .Select(i => i % 16 < i / 16 ? BitConverter.Int32BitsToSingle(-1) : 0f).ToArray();
    }
}
