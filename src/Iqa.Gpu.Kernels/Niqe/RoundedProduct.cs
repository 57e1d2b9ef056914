using ILGPU;

namespace Iqa.Gpu.Kernels;

/// <summary>
/// The correctly rounded product fl(a·b) computed in integer arithmetic, for sums whose rounding must not depend
/// on the device compiler. ILGPU emits PTX <c>mul.f64</c> and <c>add.f64</c> without a rounding modifier, which
/// ptxas may contract into one <c>fma</c> (only <c>.rn</c> forms are exempt), and OpenCL C contracts
/// <c>a * b + c</c> by default (FP_CONTRACT ON): either skips the rounding of the product. A product formed here
/// reaches the addition as a bit pattern, not a multiplication, so no compiler can fuse the two.
/// </summary>
public static class RoundedProduct
{
    private const ulong Fraction = (1UL << 52) - 1;

    /// <summary>
    /// a·b rounded to nearest, ties to even, as IEEE 754 multiplication; for finite a and b whose product is
    /// zero or a normal double (always the case for image samples times window weights).
    /// </summary>
    public static double Of(double a, double b)
    {
        ulong ua = Interop.FloatAsInt(a), ub = Interop.FloatAsInt(b);
        ulong sign = (ua ^ ub) & (1UL << 63);
        long ea = (long)(ua >> 52) & 0x7FF, eb = (long)(ub >> 52) & 0x7FF;
        if (ea == 0 || eb == 0)
            return Interop.IntAsFloat(sign); // a zero factor (subnormal factors do not occur here)
        ulong ma = (ua & Fraction) | (1UL << 52), mb = (ub & Fraction) | (1UL << 52);

        // The 106-bit product of the 53-bit significands from 32-bit limbs: hi·2^64 + lo.
        ulong al = ma & 0xFFFFFFFF, ah = ma >> 32, bl = mb & 0xFFFFFFFF, bh = mb >> 32;
        ulong low = al * bl, middle = al * bh + ah * bl;
        ulong lo = low + (middle << 32);
        ulong hi = ah * bh + (middle >> 32) + (lo < low ? 1UL : 0UL);

        // Keep 53 bits: the product lies in [2^104, 2^106).
        int shift = (hi >> 41) != 0 ? 53 : 52;
        ulong m = (hi << (64 - shift)) | (lo >> shift);
        ulong rest = lo & ((1UL << shift) - 1), half = 1UL << (shift - 1);
        long exponent = shift + ea + eb - 1075;
        if (rest > half || (rest == half && (m & 1) != 0))
        {
            m++;
            if (m == 1UL << 53)
            {
                m >>= 1;
                exponent++;
            }
        }
        return Interop.IntAsFloat(sign | ((ulong)exponent << 52) | (m & Fraction));
    }
}
