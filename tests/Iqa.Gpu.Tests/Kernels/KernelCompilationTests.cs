using Iqa.Gpu.Kernels;
using Xunit.Abstractions;

namespace Iqa.Gpu.Tests.Kernels;

/// <summary>
/// Every kernel compiled as a GPU would get it, without a GPU: PTX for an sm_90 device and OpenCL C, one row per kernel
/// (<see cref="KernelCatalog"/> finds them; a new kernel gets its rows without editing this file). A kernel that
/// ILGPU's CPU accelerator runs but a GPU code generator rejects (an unsupported intrinsic, a managed call, an
/// allocation) fails here instead of on a user's first GPU run. Compile times go to the test output (the first
/// compilation of a run also pays for JIT-compiling ILGPU itself).
/// </summary>
public sealed class KernelCompilationTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(KernelCatalog.Names), MemberType = typeof(KernelCatalog))]
    public void Compiles_to_ptx_for_sm_90(string kernel)
    {
        var compiled = KernelCompilers.Ptx(KernelCatalog.Find(kernel));
        output.WriteLine($"{kernel}: PTX for an sm_90 device (target {KernelCompilers.PtxTarget.ToString().ToLowerInvariant()}, ISA {KernelCompilers.PtxInstructionSet}) in "
                         + $"{compiled.Elapsed.TotalMilliseconds:F0} ms, {compiled.Code.Length} characters");
        Assert.Contains($".target {KernelCompilers.PtxTarget.ToString().ToLowerInvariant()}\n", compiled.Code);
        Assert.Contains(".entry ", compiled.Code);
        // ILGPU declares a function without a body for what it cannot generate itself (Math.FusedMultiplyAdd, for
        // one): the driver would refuse the module at load time.
        Assert.DoesNotContain(".extern .func", compiled.Code);
    }

    [Theory]
    [MemberData(nameof(KernelCatalog.Names), MemberType = typeof(KernelCatalog))]
    public void Compiles_to_opencl_c(string kernel)
    {
        var compiled = KernelCompilers.OpenCl(KernelCatalog.Find(kernel));
        output.WriteLine($"{kernel}: OpenCL C in {compiled.Elapsed.TotalMilliseconds:F0} ms, {compiled.Code.Length} characters");
        Assert.Contains("kernel void ", compiled.Code);
    }

    /// <summary>
    /// The rule finds what the engine launches: every kernel method whose delegate the engine hands to an ILGPU
    /// loader is in the catalogue, with the grouping the engine loads it with (auto-grouped kernels take an index).
    /// </summary>
    [Fact]
    public void Catalogue_holds_every_kernel_the_engine_loads()
    {
        var loaded = EngineKernelLoads.Find(typeof(IqaException).Assembly, KernelCatalog.Assembly);
        Assert.True(loaded.Count > 0, "no kernel load found in the engine's IL: EngineKernelLoads no longer recognises how kernels are loaded");
        Assert.All(loaded, kernel => Assert.Contains(kernel, KernelCatalog.All));
        output.WriteLine($"engine loads {loaded.Count} of {KernelCatalog.All.Count} kernels: {string.Join(", ", loaded.Select(KernelCatalog.Name).Order())}");
    }

    /// <summary>The shape rule separates kernels from the helpers they call, both kinds of grouping included.</summary>
    [Fact]
    public void Catalogue_tells_kernels_from_helpers()
    {
        Assert.Contains(typeof(SsimKernels).GetMethod(nameof(SsimKernels.HorizontalMoments))!, KernelCatalog.All);
        Assert.True(KernelCatalog.IsImplicitlyGrouped(KernelCatalog.Find($"{nameof(SsimKernels)}.{nameof(SsimKernels.HorizontalMoments)}")));
        Assert.False(KernelCatalog.IsImplicitlyGrouped(KernelCatalog.Find($"{nameof(SsimKernels)}.{nameof(SsimKernels.VerticalSsimRows)}")));
        Assert.DoesNotContain(typeof(SsimMath).GetMethod(nameof(SsimMath.Pixel))!, KernelCatalog.All);
        Assert.DoesNotContain(typeof(RoundedProduct).GetMethod(nameof(RoundedProduct.Of))!, KernelCatalog.All);
    }
}
