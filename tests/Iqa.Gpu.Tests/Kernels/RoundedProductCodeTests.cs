using System.Text.RegularExpressions;
using ILGPU;
using Iqa.Gpu.Kernels;

namespace Iqa.Gpu.Tests.Kernels;

/// <summary>
/// NIQE's residue recomputation must add correctly rounded products (<see cref="RoundedProduct"/>, docs/niqe.md):
/// a device compiler that fuses a multiplication into the following addition skips that rounding. What the
/// generated code shows:
/// <list type="bullet">
/// <item><see cref="RoundedProduct.Of"/> compiled alone has no floating-point arithmetic at all, in PTX and in
/// OpenCL C: it is integer work on bit patterns, so wherever it is inlined there is no multiplication to fuse.</item>
/// <item>In <see cref="NiqeKernels.Mscn"/>, the PTX has additions that ptxas may legitimately contract (the fast
/// window sums and E[I²], whose products are plain <c>mul.f64</c>; the residue bound makes them harmless), so "no
/// fma" can't be asserted of the SASS a driver makes, and the PTX is ILGPU's, unfused. What can be asserted is the
/// data flow: one addition takes an operand that is the bits of an integer register, and no multiplication reaches
/// either of its operands, so no compiler can fuse it; written with <c>x * w</c> instead, it would be fed by a
/// <c>mul.f64</c> and the test fails.</item>
/// </list>
/// </summary>
public sealed partial class RoundedProductCodeTests
{
    private static void RoundedProductOnly(Index1D i, ArrayView<double> a, ArrayView<double> b, ArrayView<double> product) =>
        product[i] = RoundedProduct.Of(a[i], b[i]);

    /// <summary>The shape the recomputation must not have: a product added as it is.</summary>
    private static void MultiplyAdd(Index1D i, ArrayView<double> a, ArrayView<double> b, ArrayView<double> sum) =>
        sum[i] += a[i] * b[i];

    private static System.Reflection.MethodInfo Kernel(string name) =>
        typeof(RoundedProductCodeTests).GetMethod(name, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

    [Fact]
    public void Rounded_product_has_no_floating_point_arithmetic_in_ptx()
    {
        var ptx = PtxCode.Parse(KernelCompilers.Ptx(Kernel(nameof(RoundedProductOnly))).Code);
        Assert.Empty(ptx.FloatArithmetic);
        // The product is formed from 64-bit integer multiplications of the significands' 32-bit limbs.
        Assert.Contains(ptx.Instructions, i => i.Opcode is "mul.lo.s64" or "mul.lo.u64" or "mad.lo.s64" or "mad.lo.u64");
    }

    [Fact]
    public void Rounded_product_has_no_floating_point_arithmetic_in_opencl_c()
    {
        string source = KernelCompilers.OpenCl(Kernel(nameof(RoundedProductOnly))).Code;
        Assert.DoesNotMatch(DoubleArithmetic(), source);
        Assert.DoesNotMatch(FusingCall(), source);
    }

    /// <summary>The checks above see a product where there is one.</summary>
    [Fact]
    public void A_plain_product_is_seen_in_both_languages()
    {
        var ptx = PtxCode.Parse(KernelCompilers.Ptx(Kernel(nameof(MultiplyAdd))).Code);
        var add = Assert.Single(ptx.Instructions, i => i.Opcode == "add.f64");
        Assert.Contains("mul.f64", add.Operands.Skip(1).SelectMany(ptx.Origins));
        Assert.Matches(DoubleArithmetic(), KernelCompilers.OpenCl(Kernel(nameof(MultiplyAdd))).Code);
    }

    [Fact]
    public void Mscn_recomputation_adds_integer_formed_products()
    {
        var ptx = PtxCode.Parse(KernelCompilers.Ptx(typeof(NiqeKernels).GetMethod(nameof(NiqeKernels.Mscn))!).Code);
        // ILGPU itself fuses nothing: every fma in the end comes from ptxas, on the plain mul/add pairs.
        Assert.DoesNotContain(ptx.Instructions, i => PtxCode.IsFloatProduct(i.Opcode) && !i.Opcode.StartsWith("mul.", StringComparison.Ordinal));
        var unfusable = ptx.Instructions
            .Where(i => i.Opcode == "add.f64")
            .Select(add => add.Operands.Skip(1).Select(ptx.Origins).ToList())
            .Where(origins => !origins.SelectMany(o => o).Any(PtxCode.IsFloatProduct)
                              && origins.Any(o => o.Count > 0 && o.All(x => x == PtxCode.IntegerBits)))
            .ToList();
        Assert.True(unfusable.Count > 0, "no add.f64 in Mscn's PTX takes an integer-formed product with no multiplication reaching it");
    }

    /// <summary>ILGPU writes each OpenCL C operation as <c>(double)((double) a OP (double)b)</c>.</summary>
    [GeneratedRegex(@"\(double\)\s*\(\s*\(double\)\s*[\w.]+\s*[-+*/]")]
    private static partial Regex DoubleArithmetic();

    [GeneratedRegex(@"\b(fma|mad)\s*\(")]
    private static partial Regex FusingCall();
}
