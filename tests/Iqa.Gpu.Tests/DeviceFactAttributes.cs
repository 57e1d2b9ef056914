using Iqa.Gpu.Devices;

namespace Iqa.Gpu.Tests;

/// <summary>A test of the refusal path of a GPU backend: skipped, with the reason, where such a device is usable.</summary>
public sealed class NoCudaFactAttribute : FactAttribute
{
    public NoCudaFactAttribute()
    {
        if (Backends.Names.Contains("cuda"))
            Skip = "a usable CUDA device is present: the refusal of a missing one can't be exercised";
    }
}

/// <summary>
/// A test that needs an OpenCL device ILGPU refuses (PoCL, which .ci/run installs); skipped, with the reason,
/// where there is none.
/// </summary>
public sealed class RefusedOpenClFactAttribute : FactAttribute
{
    public static IReadOnlyList<DeviceInfo> Refused { get; } =
        DeviceFactory.ListDevices().Where(d => d.Backend == "opencl" && !d.Usable).ToList();

    public RefusedOpenClFactAttribute()
    {
        if (Refused.Count == 0)
            Skip = "no refused OpenCL device here: install pocl-opencl-icd (as .ci/run does) to run this test";
    }
}
