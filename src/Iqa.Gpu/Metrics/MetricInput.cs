using Iqa.Gpu.Backends;
using Iqa.Gpu.Images;

namespace Iqa.Gpu.Metrics;

/// <summary>
/// One decoded image as the metrics see it. Planes for a colour mode are converted, normalized to
/// <c>x / L - 0.5</c> (L = data range) and uploaded once, then shared by every metric that asks for them.
/// </summary>
public sealed class MetricInput : IDisposable
{
    /// <summary>The centring of normalized planes: data in [0, 1] are stored as [-0.5, 0.5].</summary>
    public const float Offset = 0.5f;

    private readonly IComputeBackend _backend;
    private readonly Dictionary<ColorMode, IDevicePlane[]> _planes = new();

    public MetricInput(string label, DecodedImage image, IComputeBackend backend, double dataRange)
    {
        Label = label;
        Image = image;
        _backend = backend;
        DataRange = dataRange;
    }

    public string Label { get; }
    public DecodedImage Image { get; }
    public double DataRange { get; }
    public int Width => Image.Width;
    public int Height => Image.Height;

    public IReadOnlyList<IDevicePlane> Planes(ColorMode mode)
    {
        if (!_planes.TryGetValue(mode, out var planes))
        {
            planes = ColorConversion.ToPlanes(Image, mode, 1.0 / DataRange, -Offset).Select(_backend.Upload).ToArray();
            _planes[mode] = planes;
        }
        return planes;
    }

    public void Dispose()
    {
        foreach (var planes in _planes.Values)
            foreach (var p in planes)
                p.Dispose();
        _planes.Clear();
    }
}
