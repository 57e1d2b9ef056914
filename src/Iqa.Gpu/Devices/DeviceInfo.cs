namespace Iqa.Gpu.Devices;

/// <summary>One compute device as <c>iqa devices</c> lists it.</summary>
/// <param name="Backend">The device kind (the --accelerator value): cpu, ilgpu-cpu, cuda, opencl.</param>
/// <param name="Index">Its position among the devices of its kind: <c>--accelerator cuda:1</c> selects the second.</param>
/// <param name="Usable">False when the kernels can't run on it; <paramref name="Reason"/> says why.</param>
public sealed record DeviceInfo(string Backend, int Index, string Name, long MemoryBytes, bool Usable, string? Reason)
{
    /// <summary>The --accelerator value that selects exactly this device.</summary>
    public string Selector => Backend is "cpu" or "ilgpu-cpu" ? Backend : $"{Backend}:{Index}";
}
