using System.Diagnostics;
using System.Reflection;
using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.OpenCL;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace Iqa.Gpu.Tests.Kernels;

/// <summary>
/// ILGPU's GPU code generators, run without a device or driver: PTX as ILGPU makes it for an sm_90 device (H100,
/// H200) under a CUDA 13.0 driver (the 580 series), and OpenCL C. Each compilation gets a context of its own,
/// optimized at O2 like the engine's (BackendFactory): after one kernel fails, ILGPU's context fails every later
/// compilation, which would blame the wrong kernels.
/// </summary>
public static class KernelCompilers
{
    private static readonly CudaCapabilityContext CudaCapabilities = new(CudaArchitecture.SM_90);

    /// <summary>
    /// As CudaDevice and CudaAccelerator set it up: the PTX targets the lowest architecture with the device's
    /// capabilities (the driver compiles it for the device), in the newest PTX ISA the driver accepts.
    /// </summary>
    public static CudaArchitecture PtxTarget => CudaCapabilities.TargetArchitecture;

    public static CudaInstructionSet PtxInstructionSet { get; } =
        CudaAccelerator.GetInstructionSet(CudaCapabilities.TargetArchitecture, CudaDriverVersion.FromMajorMinor(13, 0));

    public sealed record Compiled(string Code, TimeSpan Elapsed);

    public static Compiled Ptx(MethodInfo kernel) => Compile(kernel,
        context => new PTXBackend(context, CudaCapabilities, CudaArchitecture.SM_90, PtxInstructionSet, nvvmAPI: null),
        compiled => ((PTXCompiledKernel)compiled).PTXAssembly);

    /// <summary>
    /// What the engine asks of an OpenCL device (BackendFactory refuses one without the generic address space) and
    /// doubles (NIQE), in OpenCL C 2.0, ILGPU's minimum. The vendor only changes how some intrinsics are spelt.
    /// </summary>
    public static Compiled OpenCl(MethodInfo kernel) => Compile(kernel,
        context => new CLBackend(context,
            new CLCapabilityContext(float16: false, float64: true, genericAddressSpace: true, int64_Atomics: false, subGroups: false),
            CLDeviceVendor.Nvidia, CLBackend.MinimumVersion),
        compiled => ((CLCompiledKernel)compiled).Source);

    private static Compiled Compile(MethodInfo kernel, Func<Context, Backend> createBackend, Func<CompiledKernel, string> code)
    {
        using var context = Context.Create(b => b.Optimize(OptimizationLevel.O2));
        using var backend = createBackend(context);
        var clock = Stopwatch.StartNew();
        var compiled = backend.Compile(KernelCatalog.EntryPoint(kernel), KernelSpecialization.Empty);
        return new Compiled(code(compiled), clock.Elapsed);
    }
}
