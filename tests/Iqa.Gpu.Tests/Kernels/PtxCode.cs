using System.Text.RegularExpressions;

namespace Iqa.Gpu.Tests.Kernels;

/// <summary>
/// The instructions of a PTX listing, and where a register's value comes from: enough to tell which floating-point
/// additions ptxas could fuse with a multiplication. ptxas contracts <c>mul.f64</c> followed by <c>add.f64</c>
/// (forms without a rounding modifier) into one <c>fma</c> even through register copies, but never through an
/// integer register: a value that reaches an addition as bits computed by integer instructions is not a product.
/// </summary>
public sealed partial class PtxCode
{
    public sealed record Instruction(string Opcode, IReadOnlyList<string> Operands)
    {
        public override string ToString() => $"{Opcode} {string.Join(", ", Operands)}";
    }

    /// <summary>What a value was computed by, copies followed: an opcode, or one of these markers.</summary>
    public const string IntegerBits = "bits of an integer register", Constant = "constant", Parameter = "parameter";

    private PtxCode(IReadOnlyList<Instruction> instructions) => Instructions = instructions;

    public IReadOnlyList<Instruction> Instructions { get; }

    public static PtxCode Parse(string ptx) => new(ptx.Split('\n')
        .Select(line => line.Trim())
        .Where(line => line.EndsWith(';') && !line.StartsWith('.') && !line.StartsWith("//"))
        .Select(line => GuardPattern().Replace(line.TrimEnd(';'), ""))
        .Select(line => line.Split((char[])[' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries))
        .Select(parts => new Instruction(parts[0],
            parts.Length > 1 ? parts[1].Split(',').Select(o => o.Trim()).ToArray() : []))
        .ToList());

    /// <summary>Floating-point add, sub, mul, mad, fma or div, of any rounding mode and width.</summary>
    public static bool IsFloatArithmetic(string opcode) => FloatArithmeticPattern().IsMatch(opcode);

    /// <summary>A floating-point multiplication, fused or not.</summary>
    public static bool IsFloatProduct(string opcode) => IsFloatArithmetic(opcode) && opcode.Split('.')[0] is "mul" or "mad" or "fma";

    public IEnumerable<Instruction> FloatArithmetic => Instructions.Where(i => IsFloatArithmetic(i.Opcode));

    /// <summary>
    /// Every instruction that defines <paramref name="register"/> traced back through <c>mov</c> copies (PTX
    /// registers are assigned more than once where ILGPU lowers loop variables), as opcodes or markers.
    /// </summary>
    public IReadOnlySet<string> Origins(string register)
    {
        var origins = new HashSet<string>();
        var seen = new HashSet<string>();
        var pending = new Stack<string>([register]);
        while (pending.Count > 0)
        {
            string current = pending.Pop();
            if (!seen.Add(current))
                continue;
            foreach (var definition in Instructions.Where(i => i.Operands.Count > 0 && i.Operands[0] == current))
            {
                string source = definition.Operands.Count == 2 ? definition.Operands[1] : "";
                if (!definition.Opcode.StartsWith("mov.", StringComparison.Ordinal))
                    origins.Add(definition.Opcode.StartsWith("ld.param", StringComparison.Ordinal) ? Parameter : definition.Opcode);
                else if (!source.StartsWith('%'))
                    origins.Add(Constant);
                else if (IsFloatRegister(source))
                    pending.Push(source);
                else
                    origins.Add(IntegerBits);
            }
        }
        return origins;
    }

    /// <summary>ILGPU names double registers %fd and float registers %f; integers are %r, %rd, %rs, predicates %p.</summary>
    private static bool IsFloatRegister(string register) => register.StartsWith("%f", StringComparison.Ordinal);

    [GeneratedRegex(@"^@!?%p\d+\s+")]
    private static partial Regex GuardPattern();

    [GeneratedRegex(@"^(add|sub|mul|mad|fma|div)(\.[a-z0-9]+)*\.f(16|32|64)$")]
    private static partial Regex FloatArithmeticPattern();
}
