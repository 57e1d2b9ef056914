using System.Collections.Concurrent;
using System.Diagnostics;
using ILGPU;
using ILGPU.Runtime;
using Iqa.Gpu.Images;
using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Devices.Ilgpu;

/// <summary>First use of a kernel on a device: its name and how long ILGPU took to compile and load it.</summary>
public sealed record KernelCompilation(string Kernel, double Milliseconds);

/// <summary>
/// An ILGPU accelerator (CUDA, OpenCL, or ILGPU's CPU accelerator, which runs the same kernels with simulated threads
/// so tests check them without a GPU): device memory with pooled buffers, kernels compiled on first use and cached,
/// launches on one stream, and read-backs. Families launch their kernels through it (docs/architecture.md).
/// </summary>
public sealed class IlgpuDevice : IComputeDevice
{
    private readonly Context _context;
    private readonly ConcurrentDictionary<(System.Reflection.MethodInfo, bool), Delegate> _kernels = new();
    private readonly ConcurrentDictionary<Type, object> _implementations = new();
    private readonly ConcurrentQueue<KernelCompilation> _compilations = new();
    private readonly Dictionary<Array, MemoryBuffer> _constants = new(ReferenceEqualityComparer.Instance);

    /// <summary>Takes ownership of the context and the accelerator.</summary>
    internal IlgpuDevice(string name, int index, Context context, Accelerator accelerator)
    {
        Name = name;
        Index = index;
        _context = context;
        Accelerator = accelerator;
        string memory = accelerator.AcceleratorType == AcceleratorType.CPU ? "simulated threads"
            : $"{accelerator.MemorySize / (1024.0 * 1024 * 1024):0.0} GiB";
        Description = $"{name}:{index} {accelerator.Name} ({memory})";
        // Largest power of two the device allows, capped: the row reductions halve the group each step.
        GroupSize = Math.Min(GroupSum.MaxGroupSize, 1 << System.Numerics.BitOperations.Log2((uint)accelerator.MaxNumThreadsPerGroup));
        // Free buffers kept for reuse: a quarter of the device's memory, at most 1 GiB, per element type.
        long poolBytes = Math.Min(1L << 30, accelerator.MemorySize / 4);
        Floats = new BufferPool<float>(accelerator, poolBytes, Memory);
        Doubles = new BufferPool<double>(accelerator, poolBytes, Memory);
    }

    public string Name { get; }

    /// <summary>The device's position among the devices of its kind (<c>cuda:1</c> is index 1): CUDA's device ordinal.</summary>
    public int Index { get; }

    public string Description { get; }

    public Accelerator Accelerator { get; }

    /// <summary>The stream every launch and copy goes on: work runs in the order it was queued.</summary>
    public AcceleratorStream Stream => Accelerator.DefaultStream;

    /// <summary>Group size of the row-reduction kernels: a power of two up to <see cref="GroupSum.MaxGroupSize"/>.</summary>
    public int GroupSize { get; }

    public BufferPool<float> Floats { get; }

    public BufferPool<double> Doubles { get; }

    /// <summary>Device memory held by this device's pools and constants, with its peak.</summary>
    public DeviceMemoryUsage Memory { get; } = new();

    /// <summary>Every kernel compiled on this device so far, in order of first use.</summary>
    public IReadOnlyList<KernelCompilation> Compilations => [.. _compilations];

    /// <summary>
    /// The launcher of an implicitly grouped kernel (index first), compiled on the first request:
    /// <typeparamref name="TLauncher"/> is the kernel's signature with an <see cref="AcceleratorStream"/> in front.
    /// </summary>
    public TLauncher AutoGrouped<TLauncher>(Delegate kernel) where TLauncher : Delegate =>
        Load<TLauncher>(kernel, grouped: false);

    /// <summary>
    /// The launcher of an explicitly grouped kernel (shared memory, barriers): <typeparamref name="TLauncher"/> is the
    /// kernel's signature with an <see cref="AcceleratorStream"/> and a <see cref="KernelConfig"/> in front.
    /// </summary>
    public TLauncher Grouped<TLauncher>(Delegate kernel) where TLauncher : Delegate =>
        Load<TLauncher>(kernel, grouped: true);

    private TLauncher Load<TLauncher>(Delegate kernel, bool grouped) where TLauncher : Delegate =>
        (TLauncher)_kernels.GetOrAdd((kernel.Method, grouped), key =>
        {
            var clock = Stopwatch.StartNew();
            Delegate launcher = key.Item2
                ? Accelerator.LoadKernel<TLauncher>(key.Item1)
                : Accelerator.LoadAutoGroupedKernel<TLauncher>(key.Item1);
            _compilations.Enqueue(new KernelCompilation($"{key.Item1.DeclaringType?.Name}.{key.Item1.Name}", clock.Elapsed.TotalMilliseconds));
            return launcher;
        });

    public T Implementation<T>(Func<CpuDevice, T> cpu, Func<IlgpuDevice, T> ilgpu) where T : class =>
        (T)_implementations.GetOrAdd(typeof(T), _ => ilgpu(this));

    /// <summary>A device copy of constant data (a filter window), made once per array instance.</summary>
    public ArrayView<T> Constant<T>(T[] values) where T : unmanaged
    {
        lock (_constants)
        {
            if (!_constants.TryGetValue(values, out var buffer))
            {
                _constants[values] = buffer = Accelerator.Allocate1D(values);
                Memory.Allocated(buffer.LengthInBytes);
            }
            return ((MemoryBuffer1D<T, Stride1D.Dense>)buffer).View;
        }
    }

    /// <summary>A buffer of <paramref name="length"/> elements outside the pools, counted in <see cref="Memory"/>.</summary>
    public DeviceBuffer<T> Allocate<T>(long length) where T : unmanaged => new(Accelerator.Allocate1D<T>(length), Memory);

    /// <summary>A buffer holding a copy of <paramref name="values"/>, counted in <see cref="Memory"/>.</summary>
    public DeviceBuffer<T> Allocate<T>(T[] values) where T : unmanaged => new(Accelerator.Allocate1D(values), Memory);

    /// <summary>A plane of device memory from the pool, returned to it when disposed.</summary>
    public IlgpuPlane Allocate(int width, int height) =>
        new(width, height, Floats.Rent((long)width * height), Floats);

    public IDevicePlane Upload(Plane plane)
    {
        var target = Allocate(plane.Width, plane.Height);
        target.View.CopyFromCPU(Stream, plane.Data);
        return target;
    }

    public Plane Download(IDevicePlane plane)
    {
        var source = IlgpuPlane.Of(plane);
        var host = new Plane(source.Width, source.Height);
        Stream.Synchronize();
        source.View.CopyToCPU(Stream, host.Data);
        return host;
    }

    /// <summary>Waits for the queued work, then copies the first <paramref name="count"/> values back.</summary>
    public double[] Download(ArrayView<double> view, int count)
    {
        Stream.Synchronize();
        var host = new double[count];
        view.SubView(0, count).CopyToCPU(Stream, host);
        return host;
    }

    public void Dispose()
    {
        foreach (var implementation in _implementations.Values)
            (implementation as IDisposable)?.Dispose();
        foreach (var buffer in _constants.Values)
        {
            Memory.Released(buffer.LengthInBytes);
            buffer.Dispose();
        }
        Floats.Dispose();
        Doubles.Dispose();
        Accelerator.Dispose();
        _context.Dispose();
    }
}
