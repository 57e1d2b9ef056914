using System.Reflection;
using System.Runtime.InteropServices;

namespace Iqa.Gpu.Devices;

/// <summary>
/// Lets ILGPU find the GPU runtimes where only the versioned sonames exist: many Linux systems ship
/// <c>libOpenCL.so.1</c> (the ICD loader) and <c>libcuda.so.1</c> (the driver) without the unversioned
/// development symlinks ILGPU asks for.
/// </summary>
internal static class NativeLibraries
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1 || !OperatingSystem.IsLinux())
            return;
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(ILGPU.Context).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // ILGPU installed a resolver of its own; it then handles the names itself.
        }
    }

    /// <summary>
    /// False only where no GPU runtime can be present: on Linux, neither the CUDA driver library nor an OpenCL
    /// installable client driver (an .icd file in /etc/OpenCL/vendors). Elsewhere ILGPU itself is asked.
    /// </summary>
    public static bool MayHaveGpuRuntime()
    {
        if (!OperatingSystem.IsLinux())
            return true;
        if (NativeLibrary.TryLoad("libcuda.so.1", out var cuda))
        {
            NativeLibrary.Free(cuda);
            return true;
        }
        const string vendors = "/etc/OpenCL/vendors";
        return Directory.Exists(vendors) && Directory.EnumerateFiles(vendors, "*.icd").Any();
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (NativeLibrary.TryLoad(name, assembly, path, out var handle))
            return handle;
        string? versioned = name.Contains("opencl", StringComparison.OrdinalIgnoreCase) ? "libOpenCL.so.1"
            : name.Contains("cuda", StringComparison.OrdinalIgnoreCase) ? "libcuda.so.1"
            : null;
        return versioned is not null && NativeLibrary.TryLoad(versioned, out handle) ? handle : IntPtr.Zero;
    }
}
