using Iqa.Gpu.Devices.Ilgpu;
using Iqa.Gpu.Images;

namespace Iqa.Gpu.Devices;

/// <summary>A float plane resident where a device computes (host memory for <c>cpu</c>, device memory for ILGPU).</summary>
public interface IDevicePlane : IDisposable
{
    int Width { get; }
    int Height { get; }
}

/// <summary>
/// A compute device: memory (upload, download), the metric families' implementations for it (created on first use,
/// kernels compiled then, and kept for the device's life), and the facts outputs record. It knows nothing of any
/// metric: a metric family brings a CPU implementation and an ILGPU one and asks <see cref="Implementation{T}"/> for
/// the one that fits (docs/architecture.md). One device serves one scoring thread.
/// </summary>
public interface IComputeDevice : IDisposable
{
    /// <summary>The --accelerator value: cpu, ilgpu-cpu, cuda, opencl.</summary>
    string Name { get; }

    /// <summary>What outputs record as the device, e.g. <c>cuda:0 NVIDIA H200 (139.8 GiB)</c> or <c>cpu (2 cores, AVX2)</c>.</summary>
    string Description { get; }

    /// <summary>Makes a host plane available to the device (a copy to device memory, or the array itself on the CPU).</summary>
    IDevicePlane Upload(Plane plane);

    /// <summary>A host copy of a device plane.</summary>
    Plane Download(IDevicePlane plane);

    /// <summary>
    /// The family implementation of type <typeparamref name="T"/> on this device: made by <paramref name="cpu"/> or
    /// <paramref name="ilgpu"/> on the first request (kernels are compiled then) and the same instance afterwards.
    /// </summary>
    T Implementation<T>(Func<CpuDevice, T> cpu, Func<IlgpuDevice, T> ilgpu) where T : class;
}
