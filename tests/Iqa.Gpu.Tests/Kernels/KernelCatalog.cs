using System.Reflection;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Tests.Kernels;

/// <summary>
/// Every kernel of Iqa.Gpu.Kernels, found by the shape ILGPU requires of a kernel, not by file, type or name:
/// a public static method returning void, not generic, with at least one parameter, every parameter a value type
/// passed by value (index, views, scalars, structs). Its first parameter says how it is launched: an ILGPU index
/// type (Index1D/2D/3D) makes it implicitly grouped (LoadAutoGroupedStreamKernel); any other makes it explicitly
/// grouped (LoadStreamKernel with a KernelConfig; it reads Grid and Group itself). The helpers kernels call have
/// other shapes: they return a value (RoundedProduct.Of, NiqeMath.Sigma) or give results through out parameters
/// (SsimMath.Pixel).
/// </summary>
public static class KernelCatalog
{
    public static Assembly Assembly { get; } = typeof(RoundedProduct).Assembly;

    public static IReadOnlyList<MethodInfo> All { get; } = Assembly.GetExportedTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Where(IsKernel)
        .OrderBy(Name, StringComparer.Ordinal)
        .ToList();

    public static TheoryData<string> Names() => new(All.Select(Name));

    /// <summary>Type and method, without the namespace (kernels may move between namespaces and files).</summary>
    public static string Name(MethodInfo kernel) => $"{kernel.DeclaringType!.Name}.{kernel.Name}";

    public static MethodInfo Find(string name) => All.Single(k => Name(k) == name);

    public static bool IsImplicitlyGrouped(MethodInfo kernel) =>
        kernel.GetParameters()[0].ParameterType.GetIndexType() != IndexType.None;

    public static EntryPointDescription EntryPoint(MethodInfo kernel) => IsImplicitlyGrouped(kernel)
        ? EntryPointDescription.FromImplicitlyGroupedKernel(kernel)
        : EntryPointDescription.FromExplicitlyGroupedKernel(kernel);

    private static bool IsKernel(MethodInfo method) =>
        method.ReturnType == typeof(void) && !method.IsGenericMethodDefinition && !method.IsSpecialName
        && method.GetParameters() is { Length: > 0 } parameters
        && parameters.All(p => p.ParameterType.IsValueType && !p.ParameterType.IsByRef && !p.ParameterType.IsPointer);
}
