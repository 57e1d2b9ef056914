using System.Reflection;
using System.Reflection.Emit;

namespace Iqa.Gpu.Tests.Kernels;

/// <summary>
/// The kernels the engine loads: methods of the kernel assembly whose delegate (<c>ldftn</c>) is created in an
/// engine method that also calls one of ILGPU's <c>Load…Kernel</c> methods or the device's kernel cache
/// (<c>IlgpuDevice.AutoGrouped</c>, <c>IlgpuDevice.Grouped</c>). Read from the engine's IL, so it
/// checks <see cref="KernelCatalog"/>'s rule against what actually runs, wherever the loading code moves.
/// </summary>
public static class EngineKernelLoads
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
                                          | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodeTable = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    public static IReadOnlySet<MethodInfo> Find(Assembly engine, Assembly kernels)
    {
        var loads = new HashSet<MethodInfo>();
        foreach (var method in engine.GetTypes().SelectMany(t => t.GetMethods(Declared).Cast<MethodBase>().Concat(t.GetConstructors(Declared))))
        {
            var referenced = ReferencedMethods(method).ToList();
            bool loadsKernels = referenced.Any(m =>
                (m.Module.Assembly == typeof(ILGPU.Context).Assembly && m.Name.StartsWith("Load", StringComparison.Ordinal) && m.Name.Contains("Kernel"))
                || (m.Method.DeclaringType == typeof(Iqa.Gpu.Devices.Ilgpu.IlgpuDevice) && m.Name is "AutoGrouped" or "Grouped"));
            if (loadsKernels)
                loads.UnionWith(referenced.Where(m => m.Opcode == OpCodes.Ldftn && m.Method.Module.Assembly == kernels)
                    .Select(m => (MethodInfo)m.Method));
        }
        return loads;
    }

    private sealed record Reference(OpCode Opcode, MethodBase Method)
    {
        public Module Module => Method.Module;
        public string Name => Method.Name;
    }

    /// <summary>The method operands of call, callvirt, newobj and ldftn instructions, walking the IL opcode by opcode.</summary>
    private static IEnumerable<Reference> ReferencedMethods(MethodBase method)
    {
        byte[]? il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
            yield break;
        Type[]? typeArguments = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        Type[]? methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (int at = 0; at < il.Length;)
        {
            var opcode = OpCodeTable[il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at]];
            at += opcode.Size;
            if (opcode.OperandType == OperandType.InlineMethod)
                yield return new Reference(opcode, method.Module.ResolveMethod(BitConverter.ToInt32(il, at), typeArguments, methodArguments)!);
            at += OperandSize(opcode.OperandType, il, at);
        }
    }

    private static int OperandSize(OperandType type, byte[] il, int at) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };
}
