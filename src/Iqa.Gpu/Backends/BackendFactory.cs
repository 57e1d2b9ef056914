using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using Iqa.Gpu.Backends.Cpu;
using Iqa.Gpu.Backends.Ilgpu;

namespace Iqa.Gpu.Backends;

/// <summary>
/// Creates backends by their public names and lists devices.
/// <c>auto</c> picks CUDA, then an OpenCL GPU the kernels can run on, then the vectorized <c>cpu</c> backend.
/// </summary>
public static class BackendFactory
{
    public static readonly IReadOnlyList<string> Names = ["auto", "cpu", "ilgpu-cpu", "cuda", "opencl"];

    static BackendFactory() => NativeLibraries.Register();

    public static IComputeBackend Create(string name) => name.ToLowerInvariant() switch
    {
        "auto" => CreateAuto(),
        "cpu" => new CpuBackend(),
        "ilgpu-cpu" => CreateIlgpu("ilgpu-cpu", b => b.CPU(), c => c.GetCPUDevice(0)),
        "cuda" => CreateIlgpu("cuda", b => b.Cuda(), FirstUsable<CudaDevice>("cuda")),
        "opencl" => CreateIlgpu("opencl", b => b.OpenCL(_ => true), FirstUsable<CLDevice>("opencl")),
        _ => throw new IqaException($"unknown accelerator '{name}' ({string.Join(", ", Names)})"),
    };

    /// <summary>Every device found, usable or not; the vectorized CPU backend is always listed.</summary>
    public static IReadOnlyList<DeviceInfo> ListDevices()
    {
        var list = new List<DeviceInfo>
        {
            new("cpu", $"vectorized C# on {Environment.ProcessorCount} cores", 0, true, null),
        };
        using var context = Context.Create(b => b.CPU().Cuda().OpenCL(_ => true));
        // ILGPU registers a CPU device per builder step; one ilgpu-cpu entry says all there is to say.
        var devices = context.Devices.Where(d => d is not CPUDevice).Prepend(context.GetCPUDevice(0));
        foreach (var device in devices)
        {
            string backend = BackendOf(device);
            string? reason = Refusal(device);
            long memory = device is CPUDevice ? 0 : device.MemorySize;
            list.Add(new DeviceInfo(backend, device.Name, memory, reason is null, reason));
        }
        return list;
    }

    /// <summary>
    /// The first usable GPU (CUDA before OpenCL), set up exactly as when named, probed in one ILGPU context;
    /// the CPU backend when there is none or it fails to start.
    /// </summary>
    private static IComputeBackend CreateAuto()
    {
        if (!NativeLibraries.MayHaveGpuRuntime())
            return new CpuBackend(); // no driver and no OpenCL loader: skip loading ILGPU (~0.1 s per run)
        try
        {
            return CreateIlgpu("auto", b => b.Cuda().OpenCL(d => d.DeviceType == CLDeviceType.CL_DEVICE_TYPE_GPU), context =>
                context.Devices.OfType<CudaDevice>().Cast<Device>().Concat(context.Devices.OfType<CLDevice>())
                    .FirstOrDefault(d => Refusal(d) is null) ?? throw new IqaException("no usable GPU"));
        }
        catch (IqaException)
        {
            return new CpuBackend();
        }
    }

    private static IComputeBackend CreateIlgpu(string name, Action<Context.Builder> configure, Func<Context, Device> pick)
    {
        Context? context = null;
        try
        {
            context = Context.Create(b => configure(b.Optimize(OptimizationLevel.O2)));
            var device = pick(context);
            return new IlgpuBackend(BackendOf(device), context, device.CreateAccelerator(context));
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

    private static Func<Context, Device> FirstUsable<T>(string name) where T : Device => context =>
    {
        var devices = context.Devices.OfType<T>().ToList();
        if (devices.Count == 0)
            throw new IqaException($"accelerator '{name}': no {name} device found (see 'iqa devices')");
        foreach (var d in devices)
            if (Refusal(d) is null)
                return d;
        throw new IqaException($"accelerator '{name}': {devices[0].Name} is not usable: {Refusal(devices[0])}");
    };

    private static string BackendOf(Device device) => device switch
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
