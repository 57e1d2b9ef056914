namespace Iqa.Gpu.Backends;

/// <summary>One compute device as <c>iqa devices</c> lists it.</summary>
/// <param name="Backend">The --accelerator value that selects it.</param>
/// <param name="Usable">False when the backend cannot run the kernels on it; <paramref name="Reason"/> says why.</param>
public sealed record DeviceInfo(string Backend, string Name, long MemoryBytes, bool Usable, string? Reason);
