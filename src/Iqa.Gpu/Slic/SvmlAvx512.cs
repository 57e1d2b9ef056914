using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Iqa.Gpu.Slic;

/// <summary>
/// The two libm functions scikit-image's <c>rgb2lab</c> calls, as numpy 1.24 computes them on a CPU with AVX-512
/// (F, CD, BW, DQ, VL: numpy's AVX512_SKX dispatch): <c>np.power</c> and <c>np.cbrt</c> on float64 run Intel SVML's
/// <c>__svml_pow8</c> and <c>__svml_cbrt8</c> (the "la" variants, numpy/core/src/umath/loops_umath_fp.dispatch.c.src,
/// SVML submodule commit 1c5260a, linux/avx512/svml_z0_pow_d_la.s and svml_z0_cbrt_d_la.s). Those are not correctly
/// rounded and differ from glibc's pow/cbrt in the last bits of about a third of their results, so they are
/// reproduced here instruction by instruction: same operations, same operand order, same rounding modes, same table
/// entries (SVML's data, Copyright (C) 2021 Intel Corporation, BSD-3-Clause). Every lane is computed independently,
/// as in SVML, so results do not depend on how values are grouped into vectors. Only the main (non-special) path is
/// reproduced: the callers pass positive, finite, normal arguments whose power stays far from overflow.
/// </summary>
internal static class SvmlAvx512
{
    /// <summary>Whether numpy 1.24 would take its AVX512_SKX loops (and SVML) on this CPU.</summary>
    public static bool IsSupported { get; } =
        Avx512F.IsSupported && Avx512F.VL.IsSupported && Avx512CD.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported;

    // __svml_dpow_data_internal_avx512: log2(1/rcp) high and low parts for the 32 reciprocals 1 + j/32 (the second
    // half of each pair already includes the +1 of the exponent correction), then 2^(j/16) for the final scaling.
    private static readonly Vector512<double> Log2HighA = Bits(0x0000000000000000, 0xBFA6BAD3758E0000, 0xBFB663F6FAC90000, 0xBFC08C588CDA8000, 0xBFC5C01A39FC0000, 0xBFCACF5E2DB50000, 0xBFCFBC16B9028000, 0xBFD24407AB0E0000);
    private static readonly Vector512<double> Log2HighB = Bits(0xBFD49A784BCD0000, 0xBFD6E221CD9D0000, 0xBFD91BBA891F0000, 0xBFDB47EBF7388000, 0xBFDD6753E0330000, 0xBFDF7A8568CB0000, 0xBFE0C10500D64000, 0xBFE1BF311E95E000);
    private static readonly Vector512<double> Log2HighAboveA = Bits(0x3FDA8FF971810000, 0x3FD8A8980ABFC000, 0x3FD6CB0F6865C000, 0x3FD4F6FBB2CEC000, 0x3FD32BFEE3710000, 0x3FD169C053640000, 0x3FCF5FD8A9060000, 0x3FCBFC67A8000000);
    private static readonly Vector512<double> Log2HighAboveB = Bits(0x3FC8A8980ABF8000, 0x3FC563DC29FF8000, 0x3FC22DADC2AB0000, 0x3FBE0B1AE8F30000, 0x3FB7D60496D00000, 0x3FB1BB32A6000000, 0x3FA77394C9DA0000, 0x3F9743EE86200000);
    private static readonly Vector512<double> Log2LowA = Bits(0x0000000000000000, 0xBD5FB0E626C0DE13, 0xBD33167CCC538261, 0x3D2871A7610E40BD, 0x3D54BC302FFA76FB, 0x3D436C101EE13440, 0x3D47F5DC57266758, 0xBD3CE60916E52E91);
    private static readonly Vector512<double> Log2LowB = Bits(0xBD5B8AFE492BF6FF, 0xBD49BCAF1AA4168A, 0xBD5708B4B2B5056C, 0xBD250520A377C7EC, 0x3D55F101C141E670, 0xBD3B3B3864C60011, 0x3D45669DF6A2B592, 0x3D5FE43895D8AC46);
    private static readonly Vector512<double> Log2LowAboveA = Bits(0x3D44BC302FFA76FB, 0xBD266CCCAB240E90, 0x3D41D406DB502403, 0x3D3661E393A16B95, 0xBD51979A5DB68722, 0xBD4D4F1B95E0FF45, 0x3D5F1A4847F7B278, 0xBD3667F21FA8423F);
    private static readonly Vector512<double> Log2LowAboveB = Bits(0x3D5E9933354DBF17, 0x3D56590643906F2A, 0x3D5A4B69691D7994, 0xBD054CDA62D3926E, 0xBD512CE6312EBB82, 0x3D552743318A8A57, 0xBD54E55443478FE0, 0xBD495539356F93DC);
    private static readonly Vector512<double> Exp2A = Bits(0x3FF0000000000000, 0x3FF0B5586CF9890F, 0x3FF172B83C7D517B, 0x3FF2387A6E756238, 0x3FF306FE0A31B715, 0x3FF3DEA64C123422, 0x3FF4BFDAD5362A27, 0x3FF5AB07DD485429);
    private static readonly Vector512<double> Exp2B = Bits(0x3FF6A09E667F3BCD, 0x3FF7A11473EB0187, 0x3FF8ACE5422AA0DB, 0x3FF9C49182A3F090, 0x3FFAE89F995AD3AD, 0x3FFC199BDD85529C, 0x3FFD5818DCFBA487, 0x3FFEA4AFA2A490DA);

    // __svml_dcbrt_data_internal_avx512: 2^(j/3) high and low for j = exponent mod 3, and cbrt(1/rcp) for the
    // reciprocals 1/2 + i/16.
    private static readonly Vector512<double> CbrtScaleHigh = Bits(0x3FF0000000000000, 0x3FF428A2F98D728B, 0x3FF965FEA53D6E3D, 0x0000000000000000, 0xBFF0000000000000, 0xBFF428A2F98D728B, 0xBFF965FEA53D6E3D, 0x0000000000000000);
    private static readonly Vector512<double> CbrtScaleLow = Bits(0x0000000000000000, 0xBC7DDC22548EA41E, 0xBC9F53E999952F09, 0x0000000000000000, 0x0000000000000000, 0x3C7DDC22548EA41E, 0x3C9F53E999952F09, 0x0000000000000000);
    private static readonly Vector512<double> CbrtTableA = Bits(0x3FF428A2F98D728B, 0x3FF361F35CA116FF, 0x3FF2B6B5EDF6B54A, 0x3FF220E6DD675180, 0x3FF19C3B38E975A8, 0x3FF12589C21FB842, 0x3FF0BA6EE5F9AAD4, 0x3FF059123D3A9848);
    private static readonly Vector512<double> CbrtTableB = Bits(0x3FF0000000000000, 0, 0, 0, 0, 0, 0, 0);

    /// <summary><c>__svml_pow8(x, y)</c>, main path: x positive and normal, |y·log2 x| at most 1021.5.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Pow(Vector512<double> x, Vector512<double> y)
    {
        const FloatRoundingMode Zero = FloatRoundingMode.ToZero;
        // log2|x| = Expon + Th + log2(rcp * mantissa), mantissa in [1/2, 1), rcp rounded to 5 fraction bits.
        var mant = Avx512F.GetMantissa(x, 10);
        var one = Splat(0x3FF0000000000000);
        var expon = Avx512F.GetExponent(x);
        var rcp = Avx512F.RoundScale(Avx512F.Reciprocal14(mant), 88);
        var r = Avx512F.FusedMultiplySubtract(rcp, mant, one);
        var below = Avx512F.CompareLessThan(rcp, Splat(0x3FF8000000000000));
        var p89 = Avx512F.FusedMultiplyAdd(Splat(0x3FC48799F5374B96), r, Splat(0xBFC717E59A559F5D));
        var index = Avx512F.ShiftRightLogical(rcp.AsUInt64(), 47);
        var idx = index.AsInt64();
        var highA = Avx512F.PermuteVar8x64x2(Log2HighA, idx, Log2HighB);
        var highB = Avx512F.PermuteVar8x64x2(Log2HighAboveA, idx, Log2HighAboveB);
        var lowA = Avx512F.PermuteVar8x64x2(Log2LowA, idx, Log2LowB);
        var lowB = Avx512F.PermuteVar8x64x2(Log2LowAboveA, idx, Log2LowAboveB);
        expon = Avx512F.BlendVariable(expon, Avx512F.Add(expon, one), below);
        var upperHalf = Avx512F.ShiftLeftLogical(index, 59).AsInt64();
        var upper = Avx512F.CompareLessThan(upperHalf, Vector512<long>.Zero).AsDouble();
        var r2 = Avx512F.Multiply(r, r);
        var p67 = Avx512F.FusedMultiplyAdd(Splat(0x3FCA6175FCA19D03), r, Splat(0xBFCEC709BC8FB8DF));
        var th = Avx512F.BlendVariable(highA, highB, upper);
        var tl = Avx512F.BlendVariable(lowA, lowB, upper);
        var c2h = Splat(0xBFE71547652B82FE);
        var c1h = Splat(0x3FF71547652B82FE);
        var exponTh = Avx512F.Add(expon, th);
        var p69 = Avx512F.FusedMultiplyAdd(r2, p89, p67);
        var p45 = Avx512F.FusedMultiplyAdd(Splat(0x3FD2776C50F03272), r, Splat(0xBFD71547652BC9EA));
        var p49 = Avx512F.FusedMultiplyAdd(r2, p69, p45);
        var r2l = Avx512F.FusedMultiplySubtract(r, r, r2);
        var tlR2l = Avx512F.FusedMultiplyAdd(c2h, r2l, tl);
        var p23 = Avx512F.FusedMultiplyAdd(Splat(0x3FDEC709DC3A03FC), r, Splat(0x3C636B5DDFFE5B67));
        var high1 = Avx512F.FusedMultiplyAdd(c1h, r, exponTh);
        var p29 = Avx512F.FusedMultiplyAdd(r2, p49, p23);
        var rc1High = Avx512F.Subtract(high1, exponTh);
        var tlSum = Avx512F.FusedMultiplyAdd(p29, r2, tlR2l);
        var rc1Low = Avx512F.FusedMultiplySubtract(r, c1h, rc1High);
        var high2 = Avx512F.FusedMultiplyAdd(c2h, r2, high1);
        var lowSum = Avx512F.FusedMultiplyAdd(Splat(0x3C7777F3EE5E912F), r, rc1Low);
        var high = Avx512F.Add(high2, tlSum);
        var r2c2High = Avx512F.Subtract(high2, high1);
        var yHigh = Avx512F.Multiply(high, y, Zero);
        var r2c2Low = Avx512F.FusedMultiplySubtract(c2h, r2, r2c2High);
        var tlh = Avx512F.Subtract(high, high2);
        var yHighLow = Avx512F.FusedMultiplySubtract(y, high, yHigh, Zero);
        var tll = Avx512F.Subtract(tlSum, tlh);
        lowSum = Avx512F.Add(r2c2Low, lowSum);
        var low = Avx512F.Add(tll, lowSum);
        // 2^(y log2 x): integer part and 1/16ths from the rounded-down sum, the rest by a polynomial.
        var shifted = Avx512F.Add(yHigh, Splat(0x42F8000000003FF0), FloatRoundingMode.ToNegativeInfinity);
        var zHigh = Avx512DQ.Reduce(yHigh, 65);
        var zLow = Avx512F.FusedMultiplyAdd(y, low, yHighLow, Zero);
        var z = Avx512F.Add(zHigh, zLow) & Splat(0xBFFFFFFFFFFFFFFF);
        var the = Avx512F.PermuteVar8x64x2(Exp2A, shifted.AsInt64(), Exp2B);
        var z2 = Avx512F.Multiply(z, z);
        var rThe = Avx512F.Multiply(z, the);
        var q56 = Avx512F.FusedMultiplyAdd(Splat(0x3F24A1D7F58C2D59), z, Splat(0x3F55D7472783D279));
        var q34 = Avx512F.FusedMultiplyAdd(Splat(0x3F83B2AD1B14EBAA), z, Splat(0x3FAC6B08D4AD8EB9));
        var q12 = Avx512F.FusedMultiplyAdd(Splat(0x3FCEBFBDFF84554D), z, Splat(0x3FE62E42FEFA398B));
        var scale = Avx512F.ShiftLeftLogical(shifted.AsUInt64(), 48).AsDouble() & Splat(0x7FF0000000000000);
        var poly = Avx512F.FusedMultiplyAdd(z2, q56, q34);
        poly = Avx512F.FusedMultiplyAdd(z2, poly, q12);
        poly = Avx512F.FusedMultiplyAdd(rThe, poly, the);
        return Avx512F.Multiply(poly, scale);
    }

    /// <summary><c>__svml_cbrt8(x)</c> (branch-free: no special path).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Cbrt(Vector512<double> x)
    {
        // x = 2^(3k + j) * mantissa, mantissa in [1, 2), rcp = 1/mantissa rounded to 4 fraction bits,
        // cbrt(x) = 2^k * T(rcp) * 2^(j/3) * (1 + r P(r)), r = rcp * mantissa - 1.
        var mant = Avx512F.GetMantissa(x, 0);
        var expon = Avx512F.GetExponent(x);
        var rcp = Avx512F.RoundScale(Avx512F.Reciprocal14(mant), 72);
        var biased = Avx512F.Add(expon, Splat(0x4338000000000000));
        var sign = x & Splat(0x8000000000000000);
        var third = Avx512F.FusedMultiplySubtract(Splat(0x3FD5555555555556), biased, Splat(0x4320000000000000));
        var r = Avx512F.FusedMultiplySubtract(rcp, mant, Splat(0x3FF0000000000000));
        var k = Avx512F.RoundScale(third, 9);
        var p = Avx512F.FusedMultiplyAdd(Splat(0xBF9036B87C71D55F), r, Splat(0x3F9374ED9398B914));
        var j = Avx512F.FusedMultiplyAddNegated(Splat(0x4008000000000000), k, biased).AsInt64();
        var index = Avx512F.ShiftRightLogical(rcp.AsUInt64(), 49).AsInt64();
        var sh = Avx512F.PermuteVar8x64(CbrtScaleHigh, j);
        var sl = Avx512F.PermuteVar8x64(CbrtScaleLow, j);
        var t = Avx512F.PermuteVar8x64x2(CbrtTableA, index, CbrtTableB);
        var p2 = Avx512F.FusedMultiplyAdd(Splat(0xBF98090D77F2468E), r, Splat(0x3F9EE71141DCF569));
        var scaledT = Avx512F.Scale(t, k);
        var p1 = Avx512F.FusedMultiplyAdd(Splat(0xBF882E3B6ADECA62), r, Splat(0x3F8BDA24BAE48875));
        var p4 = Avx512F.FusedMultiplyAdd(Splat(0xBFBC71C71C71C741), r, Splat(0x3FD5555555555557));
        var r2 = Avx512F.Multiply(r, r);
        var p3 = Avx512F.FusedMultiplyAdd(Splat(0xBFA511E8D2B0363E), r, Splat(0x3FAF9ADD3C0B7E31));
        var shR = Avx512F.Multiply(sh, r);
        var poly = Avx512F.FusedMultiplyAdd(r2, p1, p);
        poly = Avx512F.FusedMultiplyAdd(r2, poly, p2);
        poly = Avx512F.FusedMultiplyAdd(r2, poly, p3);
        poly = Avx512F.FusedMultiplyAdd(r2, poly, p4);
        var sum = Avx512F.FusedMultiplyAdd(poly, shR, sl);
        return Avx512F.Multiply(Avx512F.Add(sum, sh), scaledT) | sign;
    }

    private static Vector512<double> Splat(ulong bits) => Vector512.Create(BitConverter.UInt64BitsToDouble(bits));

    private static Vector512<double> Bits(params ulong[] bits) => Vector512.Create(bits).AsDouble();
}
