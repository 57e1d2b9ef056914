using Iqa.Gpu.Devices;

namespace Iqa.Gpu.Tests;

/// <summary>
/// The backends present on this machine: <c>cpu</c> and <c>ilgpu-cpu</c> always, <c>cuda</c> and <c>opencl</c>
/// when a usable device exists. Tests take the names as theory data and run the same body on each.
/// </summary>
public static class Backends
{
    private static readonly Lazy<string[]> Available = new(() =>
    {
        var names = new List<string> { "cpu", "ilgpu-cpu" };
        foreach (var gpu in new[] { "cuda", "opencl" })
        {
            try
            {
                using var backend = DeviceFactory.Create(gpu);
                names.Add(gpu);
            }
            catch (IqaException)
            {
                // No usable device of this kind here.
            }
        }
        return names.ToArray();
    });

    public static IReadOnlyList<string> Names => Available.Value;

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var n in Names)
            data.Add(n);
        return data;
    }
}

/// <summary>One instance of each backend for a test class, disposed after it (kernels compile once).</summary>
public sealed class BackendPool : IDisposable
{
    private readonly Dictionary<string, IComputeDevice> _backends = new();

    public IComputeDevice Get(string name)
    {
        lock (_backends)
        {
            if (!_backends.TryGetValue(name, out var b))
                _backends[name] = b = DeviceFactory.Create(name);
            return b;
        }
    }

    public void Dispose()
    {
        foreach (var b in _backends.Values)
            b.Dispose();
    }
}
