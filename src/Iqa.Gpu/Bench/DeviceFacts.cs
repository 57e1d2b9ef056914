using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Devices.Ilgpu;

namespace Iqa.Gpu.Bench;

/// <summary>
/// One device of a bench run as its runtime reports it. The GPU fields are null where the runtime does not report
/// them: CUDA gives the driver version, compute capability, clocks and multiprocessors; OpenCL its versions, clock
/// and compute units; the cpu device its cores (as multiprocessors) and the machine's memory.
/// </summary>
/// <param name="Accelerator">The name it was selected by (cpu, ilgpu-cpu, cuda:0, ...).</param>
/// <param name="Kind">cpu, ilgpu-cpu, cuda or opencl.</param>
/// <param name="Description">As every score output records it, e.g. <c>cuda:0 NVIDIA H200 (139.8 GiB)</c>.</param>
public sealed record DeviceFacts(string Accelerator, string Kind, string Name, string Description, long MemoryBytes)
{
    /// <summary>CUDA driver (e.g. 12.4) or OpenCL platform version.</summary>
    public string? DriverVersion { get; init; }

    /// <summary>CUDA compute capability (e.g. 9.0); the OpenCL device version for OpenCL devices.</summary>
    public string? ComputeCapability { get; init; }

    /// <summary>The PTX instruction set ILGPU generates for the device (CUDA).</summary>
    public string? InstructionSet { get; init; }

    public int? ClockMhz { get; init; }

    public int? MemoryClockMhz { get; init; }

    public int? MemoryBusWidthBits { get; init; }

    /// <summary>CUDA streaming multiprocessors, OpenCL compute units, cpu cores.</summary>
    public int? Multiprocessors { get; init; }

    public int? WarpSize { get; init; }

    public int? MaxThreadsPerGroup { get; init; }

    public string? Vendor { get; init; }

    /// <summary>The ILGPU release that drives the device; null for the cpu device.</summary>
    public string? IlgpuVersion { get; init; }

    /// <summary>The facts of <paramref name="device"/>; <paramref name="machine"/> describes the host for the cpu device.</summary>
    public static DeviceFacts Of(string accelerator, IComputeDevice device, MachineFacts machine)
    {
        if (device is not IlgpuDevice ilgpu)
            return new DeviceFacts(accelerator, device.Name, machine.CpuModel, device.Description, machine.MemoryBytes)
            {
                Multiprocessors = machine.ProcessorCount,
            };
        var accel = ilgpu.Accelerator;
        // ILGPU's CPU accelerator reports long.MaxValue: it works in host memory.
        long memory = accel.AcceleratorType == AcceleratorType.CPU ? machine.MemoryBytes : accel.MemorySize;
        var facts = new DeviceFacts(accelerator, device.Name, accel.Name, device.Description, memory)
        {
            Multiprocessors = accel.NumMultiprocessors,
            WarpSize = accel.WarpSize,
            MaxThreadsPerGroup = accel.MaxNumThreadsPerGroup,
            IlgpuVersion = machine.IlgpuVersion,
        };
        return accel.Device switch
        {
            CudaDevice cuda => facts with
            {
                DriverVersion = cuda.DriverVersion.ToString(),
                ComputeCapability = cuda.Architecture is { } arch ? $"{arch.Major}.{arch.Minor}" : null,
                InstructionSet = cuda.InstructionSet?.ToString(),
                ClockMhz = cuda.ClockRate,
                MemoryClockMhz = cuda.MemoryClockRate,
                MemoryBusWidthBits = cuda.MemoryBusWidth,
                Vendor = "NVIDIA",
            },
            CLDevice cl => facts with
            {
                DriverVersion = $"{cl.PlatformName} {cl.PlatformVersion}",
                ComputeCapability = $"OpenCL {cl.DeviceVersion}",
                ClockMhz = cl.ClockRate,
                Vendor = cl.VendorName,
            },
            _ => facts,
        };
    }
}
