using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;

namespace Iqa.Gpu.Metrics;

/// <summary>
/// One input of one item as the metrics read it (<see cref="MetricInputs"/>): each kind is prepared from the source on
/// first request and shared by every metric that reads it. Normalized planes are <c>x / L - 0.5</c> (L = data range),
/// converted and uploaded once per colour mode; on the <c>cpu</c> device they are read from the samples a row at a time
/// as the metrics use them (no float plane is stored); video frames for other devices arrive with theirs already
/// normalized on the reader thread.
/// </summary>
public sealed class MetricInput : IDisposable
{
    /// <summary>The centring of normalized planes: data in [0, 1] are stored as [-0.5, 0.5].</summary>
    public const float Offset = 0.5f;

    private readonly IComputeDevice _device;
    private readonly IReadOnlyList<Plane>? _normalized;
    private readonly Dictionary<ColorMode, IDevicePlane[]> _planes = new();
    private readonly Dictionary<ColorMode, Plane> _gray = new();
    private readonly Dictionary<ColorMode, IDevicePlane> _deviceGray = new();
    private readonly Dictionary<ColorMode, IntegerPlane[]> _integers = new();

    /// <param name="normalized">
    /// The source's planes already normalized by <paramref name="dataRange"/> (a video plane read ahead); they serve every
    /// colour mode, since a single plane has no colour to convert.
    /// </param>
    public MetricInput(string label, ISampleSource source, IComputeDevice device, double dataRange, IReadOnlyList<Plane>? normalized = null)
    {
        Label = label;
        Source = source;
        _device = device;
        _normalized = normalized;
        DataRange = dataRange;
    }

    public string Label { get; }
    public ISampleSource Source { get; }
    public double DataRange { get; }
    public int Width => Source.Width;
    public int Height => Source.Height;

    /// <summary>The planes of a colour mode, normalized, on the device (<see cref="MetricInputs.DevicePlanes"/>).</summary>
    public IReadOnlyList<IDevicePlane> Planes(ColorMode mode)
    {
        if (_normalized is not null)
            mode = ColorMode.Gray; // one cache entry: every mode reads the same given planes
        return Cached(_planes, mode, m => _normalized is null && _device is CpuDevice
            ? [.. Source.Rows(m, 1.0 / DataRange, -Offset).Select(rows => new CpuPlane(rows))]
            : [.. (_normalized ?? Source.ToPlanes(m, 1.0 / DataRange, -Offset)).Select(_device.Upload)]);
    }

    /// <summary>
    /// One gray plane on the 0..255 scale in host memory (<see cref="MetricInputs.HostGray"/>): the colour mode's
    /// conversion (<c>rgb</c> reads as <c>gray</c>), samples scaled by 255 / the bit depth's largest value.
    /// </summary>
    public Plane Gray255(ColorMode mode)
    {
        if (mode == ColorMode.Rgb)
            mode = ColorMode.Gray;
        return Cached(_gray, mode, m => Source.ToPlanes(m, 255.0 / Source.MaxValue, 0)[0]);
    }

    /// <summary>
    /// The <see cref="Gray255"/> plane on the device (<see cref="MetricInputs.DeviceGray"/>), uploaded once; on the
    /// <c>cpu</c> device read from the samples a row at a time, as <see cref="Planes"/> are.
    /// </summary>
    public IDevicePlane DeviceGray255(ColorMode mode)
    {
        if (mode == ColorMode.Rgb)
            mode = ColorMode.Gray;
        return Cached(_deviceGray, mode, m => _device is CpuDevice && !_gray.ContainsKey(m)
            ? new CpuPlane(Source.Rows(m, 255.0 / Source.MaxValue, 0)[0])
            : _device.Upload(Gray255(m)));
    }

    /// <summary>The colour mode's planes as integers at the source's bit depth (<see cref="MetricInputs.IntegerPlanes"/>).</summary>
    public IReadOnlyList<IntegerPlane> IntegerPlanes(ColorMode mode)
    {
        return Cached(_integers, mode, Source.ToIntegerPlanes);
    }

    /// <summary>The decoded image (<see cref="MetricInputs.RgbImage"/>).</summary>
    /// <exception cref="IqaException">The input is a video plane, not a decoded image.</exception>
    public DecodedImage Image => Source as DecodedImage ?? throw new IqaException($"{Label}: a decoded image is needed, not a video plane");

    /// <summary>The cache's entry for <paramref name="mode"/>, made on first request.</summary>
    private static T Cached<T>(Dictionary<ColorMode, T> cache, ColorMode mode, Func<ColorMode, T> make)
    {
        if (!cache.TryGetValue(mode, out var value))
        {
            value = make(mode);
            cache[mode] = value;
        }
        return value;
    }

    public void Dispose()
    {
        foreach (var planes in _planes.Values)
            foreach (var p in planes)
                p.Dispose();
        foreach (var p in _deviceGray.Values)
            p.Dispose();
        _planes.Clear();
        _gray.Clear();
        _deviceGray.Clear();
        _integers.Clear();
    }
}
