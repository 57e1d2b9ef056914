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
    private readonly IDevicePlane[]? _fixed;

    public MetricInput(string label, DecodedImage image, IComputeBackend backend, double dataRange)
    {
        Label = label;
        Image = image;
        _backend = backend;
        DataRange = dataRange;
        Width = image.Width;
        Height = image.Height;
    }

    /// <summary>
    /// An input whose planes are already normalized (<c>x / L - 0.5</c>), such as a video frame's Y plane:
    /// every colour mode yields these planes, uploaded once. They must share one size.
    /// </summary>
    /// <param name="sampleMax">The largest sample value of the source (1023 for 10-bit), which the data range may differ from.</param>
    public MetricInput(string label, IReadOnlyList<Plane> normalizedPlanes, IComputeBackend backend, double dataRange, double sampleMax)
    {
        SampleMax = sampleMax;
        Label = label;
        _backend = backend;
        DataRange = dataRange;
        Width = normalizedPlanes[0].Width;
        Height = normalizedPlanes[0].Height;
        HostPlanes = normalizedPlanes;
        _fixed = normalizedPlanes.Select(backend.Upload).ToArray();
    }

    /// <summary>The largest sample value of a plane input's source (null for decoded images: see <see cref="Image"/>).</summary>
    public double? SampleMax { get; }

    /// <summary>The host copies of the planes an input was made from (null for decoded images).</summary>
    public IReadOnlyList<Plane>? HostPlanes { get; }

    public string Label { get; }

    /// <summary>The decoded image, or null for an input made from planes.</summary>
    public DecodedImage? Image { get; }
    public double DataRange { get; }
    public int Width { get; }
    public int Height { get; }

    public IReadOnlyList<IDevicePlane> Planes(ColorMode mode)
    {
        if (_fixed is not null)
            return _fixed;
        if (!_planes.TryGetValue(mode, out var planes))
        {
            planes = ColorConversion.ToPlanes(Image!, mode, 1.0 / DataRange, -Offset).Select(_backend.Upload).ToArray();
            _planes[mode] = planes;
        }
        return planes;
    }

    public void Dispose()
    {
        foreach (var p in _fixed ?? [])
            p.Dispose();
        foreach (var planes in _planes.Values)
            foreach (var p in planes)
                p.Dispose();
        _planes.Clear();
    }
}
