using System.Diagnostics;
using Iqa.Gpu.Images;
using Microsoft.ML.OnnxRuntime;

namespace Iqa.Gpu.Metrics.Deep;

/// <summary>
/// LPIPS of images too large for one network call, computed tile by tile with the same result as the whole image.
/// <para>
/// LPIPS is a sum over layers of the spatial mean of each layer's distance map. The image is cut into cores of
/// <c>core x core</c> pixels (the last one in each row or column takes the remainder); each core is run with a halo
/// of <see cref="DeepModelDescriptor.TileHalo"/> pixels of real image on every side that is not an image border.
/// Cores start at multiples of 16, the largest cumulative stride of AlexNet, SqueezeNet 1.1 and VGG16 up to their
/// last LPIPS layer, so a tile's map positions line up with the whole image's. A map position with stride s belongs
/// to the core that holds pixel <c>s * position</c>; the halo (128) exceeds how far any position's receptive field
/// reaches from that pixel (AlexNet -66/+96, SqueezeNet -88/+118, VGG16 -90/+105 pixels), so the positions a core
/// keeps never see the tile's own zero padding or pooling edges. Sums and position counts of each layer are added
/// over tiles in double; the score is the sum over layers of sum / count.
/// </para>
/// Differences from scoring the whole image come only from float32 summation order inside the network.
/// </summary>
internal sealed class TiledLpips : IDisposable
{
    public const int Alignment = 16;
    public const int MinimumCore = 64;

    private readonly InferenceSession _session;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _runOptions = new() { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
    private readonly string[] _maps;
    private readonly int _halo;
    private readonly DeepInputRange _range;
    private readonly PinnedTensor _reference = new();
    private readonly PinnedTensor _distorted = new();

    private TiledLpips(InferenceSession session, string[] maps, DeepModelDescriptor model)
    {
        _session = session;
        _maps = maps;
        _halo = model.TileHalo!.Value;
        _range = model.InputRange;
        _binding = session.CreateIoBinding();
    }

    public static TiledLpips Open(DeepModelDescriptor model, string path, int intraOpThreads)
    {
        (byte[] graph, string[] maps) = Rewrite(model, path);
        using var options = OnnxModelSession.CreateOptions(intraOpThreads);
        try
        {
            return new TiledLpips(new InferenceSession(graph, options), maps, model);
        }
        catch (OnnxRuntimeException e)
        {
            throw new IqaException($"{path}: cannot load the layer maps of the {model.Name} model for tiling ({OnnxModelSession.FirstLine(e.Message)})", e);
        }
    }

    private static (byte[] Graph, string[] Maps) Rewrite(DeepModelDescriptor model, string path)
    {
        try
        {
            return LpipsLayerMaps.Expose(File.ReadAllBytes(path), model.OutputName);
        }
        catch (FormatException e)
        {
            throw new IqaException($"{path}: cannot tile the {model.Name} model: its output is not a sum of spatial means ({e.Message})", e);
        }
    }

    public (double[] Scores, TimeSpan Preparation, TimeSpan Inference) Score(
        IReadOnlyList<DecodedImage> references, IReadOnlyList<DecodedImage> distorted, int core)
    {
        int n = references.Count;
        var sums = new double[n, _maps.Length];
        var counts = new long[_maps.Length];
        var (preparation, inference) = VisitTiles(references, distorted, core, (in KeptPart part, ReadOnlySpan<float> values) =>
        {
            for (int i = 0; i < n; i++)
                for (int qy = part.Y0; qy < part.Y1; qy++)
                    foreach (float v in values.Slice((i * part.MapHeight + qy) * part.MapWidth + part.X0, part.X1 - part.X0))
                        sums[i, part.Layer] += v;
            counts[part.Layer] += (long)(part.X1 - part.X0) * (part.Y1 - part.Y0);
        });
        var scores = new double[n];
        for (int i = 0; i < n; i++)
            for (int l = 0; l < _maps.Length; l++)
                scores[i] += sums[i, l] / counts[l];
        return (scores, preparation, inference);
    }

    /// <summary>
    /// Each layer's whole distance map for one pair (the tensors <c>LPIPS(spatial=True)</c> upsamples), assembled from
    /// the tiles' kept positions: the same values as one call on the whole image, up to float32 summation order.
    /// </summary>
    public IReadOnlyList<LayerMap> LayerMaps(DecodedImage reference, DecodedImage distorted, int core)
    {
        var pieces = new List<(KeptPart Part, float[] Values)>();
        VisitTiles([reference], [distorted], core, (in KeptPart part, ReadOnlySpan<float> values) =>
        {
            int width = part.X1 - part.X0;
            var kept = new float[width * (part.Y1 - part.Y0)];
            for (int qy = part.Y0; qy < part.Y1; qy++)
                values.Slice(qy * part.MapWidth + part.X0, width).CopyTo(kept.AsSpan((qy - part.Y0) * width, width));
            pieces.Add((part, kept));
        });
        var maps = new List<LayerMap>();
        for (int l = 0; l < _maps.Length; l++)
        {
            var layer = pieces.Where(p => p.Part.Layer == l).ToList();
            int width = layer.Max(p => p.Part.WholeX + p.Part.X1 - p.Part.X0), height = layer.Max(p => p.Part.WholeY + p.Part.Y1 - p.Part.Y0);
            var values = new float[width * height];
            foreach (var (part, kept) in layer)
            {
                int w = part.X1 - part.X0;
                for (int r = 0; r < part.Y1 - part.Y0; r++)
                    kept.AsSpan(r * w, w).CopyTo(values.AsSpan((part.WholeY + r) * width + part.WholeX, w));
            }
            maps.Add(new LayerMap(width, height, values));
        }
        return maps;
    }

    /// <summary>
    /// One tile's part of one layer's map: positions [X0, X1) x [Y0, Y1) of the tile's <c>MapWidth</c> x <c>MapHeight</c>
    /// map belong to its core; (<c>WholeX</c>, <c>WholeY</c>) is where position (X0, Y0) lies in the whole image's map.
    /// </summary>
    private readonly record struct KeptPart(int Layer, int MapWidth, int MapHeight, int X0, int X1, int Y0, int Y1, int WholeX, int WholeY);

    /// <summary>Receives one tile's part of one layer map, with the tile's output for every pair (N x h x w).</summary>
    private delegate void PartVisitor(in KeptPart part, ReadOnlySpan<float> values);

    /// <summary>Runs every tile of the pairs through the network and hands each layer map's kept part to <paramref name="visit"/>.</summary>
    private (TimeSpan Preparation, TimeSpan Inference) VisitTiles(
        IReadOnlyList<DecodedImage> references, IReadOnlyList<DecodedImage> distorted, int core, PartVisitor visit)
    {
        int width = references[0].Width, height = references[0].Height;
        TimeSpan preparation = TimeSpan.Zero, inference = TimeSpan.Zero;
        foreach (var (cy0, cy1) in Cores(height, core))
            foreach (var (cx0, cx1) in Cores(width, core))
            {
                int x0 = Math.Max(0, cx0 - _halo), y0 = Math.Max(0, cy0 - _halo);
                var tile = new PixelRect(x0, y0, Math.Min(width, cx1 + _halo) - x0, Math.Min(height, cy1 + _halo) - y0);
                long started = Stopwatch.GetTimestamp();
                Prepare(references, _reference, tile);
                Prepare(distorted, _distorted, tile);
                long prepared = Stopwatch.GetTimestamp();
                _binding.BindInput(DeepModelDescriptor.ReferenceInput, _reference.Value);
                _binding.BindInput(DeepModelDescriptor.DistortedInput, _distorted.Value);
                foreach (string map in _maps)
                    _binding.BindOutputToDevice(map, OrtMemoryInfo.DefaultInstance);
                using var outputs = Run();
                inference += Stopwatch.GetElapsedTime(prepared);
                preparation += Stopwatch.GetElapsedTime(started, prepared);
                for (int l = 0; l < _maps.Length; l++)
                {
                    long[] shape = outputs[l].GetTensorTypeAndShape().Shape;
                    if (shape.Length != 4 || shape[1] != 1)
                        throw new IqaException($"cannot tile: layer map '{_maps[l]}' has shape [{string.Join(", ", shape)}], not [N, 1, h, w]");
                    int h = (int)shape[2], w = (int)shape[3];
                    var (qx0, qx1, ox) = Kept(cx0, cx1, width, tile.X, tile.Width, w);
                    var (qy0, qy1, oy) = Kept(cy0, cy1, height, tile.Y, tile.Height, h);
                    visit(new KeptPart(l, w, h, qx0, qx1, qy0, qy1, qx0 + ox, qy0 + oy), outputs[l].GetTensorDataAsSpan<float>());
                }
            }
        return (preparation, inference);
    }

    private IDisposableReadOnlyCollection<OrtValue> Run()
    {
        try
        {
            return _session.RunWithBoundResults(_runOptions, _binding);
        }
        catch (OnnxRuntimeException e)
        {
            throw new IqaException($"tiled LPIPS inference failed ({OnnxModelSession.FirstLine(e.Message)})", e);
        }
    }

    private void Prepare(IReadOnlyList<DecodedImage> images, PinnedTensor tensor, PixelRect tile)
    {
        tensor.SetShape(images.Count, 3, tile.Height, tile.Width);
        int block = 3 * tile.Width * tile.Height;
        for (int i = 0; i < images.Count; i++)
            PlanarInput.Write(images[i], _range, tensor.Data.Slice(i * block, block), tile);
    }

    /// <summary>[start, end) of each core along one axis; all but the last are <paramref name="core"/> long.</summary>
    private static IEnumerable<(int Start, int End)> Cores(int length, int core)
    {
        for (int start = 0; start < length; start += core)
            yield return (start, Math.Min(length, start + core));
    }

    /// <summary>
    /// Map positions, in tile coordinates, that belong to the core [c0, c1) along one axis: those whose anchor pixel
    /// <c>stride * position</c> (whole-image coordinates) lies in the core; the last core also keeps the map's tail.
    /// A tile that does not reach the image border must hold all of its core's positions. <c>Offset</c> turns a tile
    /// position into the whole image's.
    /// </summary>
    private static (int From, int To, int Offset) Kept(int c0, int c1, int length, int tileStart, int tileLength, int mapLength)
    {
        if (c0 == 0 && c1 == length)
            return (0, mapLength, 0);
        int stride = Stride(tileLength, mapLength);
        int offset = tileStart / stride;
        int from = CeilDiv(c0, stride) - offset;
        int to = c1 == length ? mapLength : CeilDiv(c1, stride) - offset;
        if (tileStart + tileLength == length)
        {
            // The tile ends at the image border, so its map ends where the whole image's does: positions past it do
            // not exist, and a short last core may hold none at a deep layer.
            from = Math.Min(from, mapLength);
            to = Math.Min(to, mapLength);
        }
        if (from < 0 || to > mapLength || from > to)
            throw new InvalidOperationException($"tile map of {mapLength} positions cannot hold core [{c0}, {c1}) at stride {stride}");
        return (from, to, offset);
    }

    /// <summary>
    /// The layer's cumulative stride, a power of two: the tile length over the map length, which exceeds the stride
    /// by the network's border losses (well under a factor of sqrt 2 for tiles of at least <see cref="MinimumCore"/>
    /// plus one halo).
    /// </summary>
    private static int Stride(int tileLength, int mapLength) =>
        1 << (int)Math.Round(Math.Log2((double)tileLength / mapLength));

    private static int CeilDiv(int a, int b) => (a + b - 1) / b;

    public void Dispose()
    {
        _binding.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
        _reference.Dispose();
        _distorted.Dispose();
    }
}

/// <summary>One LPIPS layer's spatial distance map, <c>lins[k](diffs[k])</c> of the official code: Width x Height, row-major.</summary>
internal sealed record LayerMap(int Width, int Height, float[] Values);
