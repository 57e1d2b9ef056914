using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using Iqa.Gpu.Devices.Ilgpu;

namespace Iqa.Gpu.Devices;

/// <summary>
/// Creates devices by their public names and lists them. A name is a kind (<c>cpu</c>, <c>ilgpu-cpu</c>, <c>cuda</c>,
/// <c>opencl</c>), optionally with the device's index among its kind (<c>cuda:1</c>), or <c>auto</c>: CUDA, then an
/// OpenCL GPU the kernels can run on, then the vectorized <c>cpu</c> device.
/// </summary>
public static class DeviceFactory
{
    /// <summary>The kinds of device the engine computes on: the <c>backends</c> column of <c>iqa metrics</c>.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["cpu", "ilgpu-cpu", "cuda", "opencl"];

    /// <summary>Every accepted --accelerator name (an index may follow cuda and opencl).</summary>
    public static readonly IReadOnlyList<string> Names = ["auto", .. Kinds];

    static DeviceFactory() => NativeLibraries.Register();

    /// <exception cref="IqaException">An unknown name, or a device that is missing or not usable.</exception>
    public static IComputeDevice Create(string name)
    {
        var (kind, index) = ParseName(name);
        return kind switch
        {
            "auto" => CreateAuto(),
            "cpu" => new CpuDevice(),
            "ilgpu-cpu" => CreateIlgpu("ilgpu-cpu", b => b.CPU(), c => (c.GetCPUDevice(0), 0)),
            "cuda" => CreateIlgpu(name, b => b.Cuda(), Pick<CudaDevice>("cuda", index)),
            _ => CreateIlgpu(name, b => b.OpenCL(_ => true), Pick<CLDevice>("opencl", index)),
        };
    }

    /// <summary>Checks a name without creating the device: the kind, and the index when one is given.</summary>
    /// <exception cref="IqaException">The name is not of the form KIND or KIND:N.</exception>
    public static (string Kind, int? Index) ParseName(string name)
    {
        string text = name.Trim().ToLowerInvariant();
        int colon = text.IndexOf(':');
        string kind = colon < 0 ? text : text[..colon];
        if (!Names.Contains(kind))
            throw new IqaException($"unknown accelerator '{name}' ({string.Join(", ", Names)}; cuda:N or opencl:N for one device of several)");
        if (colon < 0)
            return (kind, null);
        if (kind is not ("cuda" or "opencl") || !int.TryParse(text[(colon + 1)..], System.Globalization.NumberStyles.None, null, out int index))
            throw new IqaException($"invalid accelerator '{name}' (an index is given as cuda:N or opencl:N, N from 0)");
        return (kind, index);
    }

    /// <summary>Every device found, usable or not; the vectorized CPU device is always listed.</summary>
    public static IReadOnlyList<DeviceInfo> ListDevices()
    {
        var list = new List<DeviceInfo> { new("cpu", 0, CpuDevice.DescribeHost(), 0, true, null) };
        using var context = Context.Create(b => b.CPU().Cuda().OpenCL(_ => true));
        list.Add(new DeviceInfo("ilgpu-cpu", 0, context.GetCPUDevice(0).Name, 0, true, null));
        foreach (var group in context.Devices.Where(d => d is not CPUDevice).GroupBy(KindOf))
            list.AddRange(group.Select((device, index) =>
            {
                string? reason = Refusal(device);
                return new DeviceInfo(group.Key, index, device.Name, device.MemorySize, reason is null, reason);
            }));
        return list;
    }

    /// <summary>
    /// The first usable GPU (CUDA before OpenCL), set up exactly as when named, probed in one ILGPU context;
    /// the CPU device when there is none or it fails to start.
    /// </summary>
    private static IComputeDevice CreateAuto()
    {
        if (!NativeLibraries.MayHaveGpuRuntime())
            return new CpuDevice(); // no driver and no OpenCL loader: skip loading ILGPU (~0.1 s per run)
        try
        {
            return CreateIlgpu("auto", b => b.Cuda().OpenCL(d => d.DeviceType == CLDeviceType.CL_DEVICE_TYPE_GPU), context =>
            {
                var device = context.Devices.OfType<CudaDevice>().Cast<Device>().Concat(context.Devices.OfType<CLDevice>())
                    .FirstOrDefault(d => Refusal(d) is null) ?? throw new IqaException("no usable GPU");
                return (device, context.Devices.Where(d => KindOf(d) == KindOf(device)).ToList().IndexOf(device));
            });
        }
        catch (IqaException)
        {
            return new CpuDevice();
        }
    }

    private static IlgpuDevice CreateIlgpu(string name, Action<Context.Builder> configure, Func<Context, (Device, int)> pick)
    {
        Context? context = null;
        try
        {
            context = Context.Create(b => configure(b.Optimize(OptimizationLevel.O2)));
            var (device, index) = pick(context);
            return new IlgpuDevice(KindOf(device), index, context, device.CreateAccelerator(context));
        }
        catch (Exception e) when (e is not IqaException)
        {
            context?.Dispose();
            throw new IqaException($"accelerator '{name}' is not usable: {e.Message}", e);
        }
        catch
        {
            context?.Dispose();
            throw;
        }
    }

    /// <summary>The device of the kind at <paramref name="index"/>, or the first usable one when no index is given.</summary>
    private static Func<Context, (Device, int)> Pick<T>(string kind, int? index) where T : Device => context =>
    {
        var devices = context.Devices.OfType<T>().ToList();
        if (devices.Count == 0)
            throw new IqaException($"accelerator '{kind}': no {kind} device found (see 'iqa devices')");
        if (index is { } i)
        {
            if (i >= devices.Count)
                throw new IqaException($"accelerator '{kind}:{i}': there are {devices.Count} {kind} device(s), numbered from 0 (see 'iqa devices')");
            return Refusal(devices[i]) is { } reason
                ? throw new IqaException($"accelerator '{kind}:{i}': {devices[i].Name} is not usable: {reason}")
                : (devices[i], i);
        }
        for (int d = 0; d < devices.Count; d++)
            if (Refusal(devices[d]) is null)
                return (devices[d], d);
        throw new IqaException($"accelerator '{kind}': {devices[0].Name} is not usable: {Refusal(devices[0])}");
    };

    private static string KindOf(Device device) => device switch
    {
        CudaDevice => "cuda",
        CLDevice => "opencl",
        CPUDevice => "ilgpu-cpu",
        _ => device.AcceleratorType.ToString().ToLowerInvariant(),
    };

    /// <summary>Why the kernels can't run on a device, or null when they can.</summary>
    private static string? Refusal(Device device) => device switch
    {
        CLDevice cl when !cl.Capabilities.GenericAddressSpace =>
            "ILGPU's OpenCL backend needs the generic address space (OpenCL 2.0 or cl_khr_generic_address_space), which this device lacks",
        _ => null,
    };
}
