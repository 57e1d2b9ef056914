using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Iqa.Gpu.Slic;

/// <summary>
/// The few float-vector operations of the SLIC assignment loop, over the widest vector the CPU runs natively
/// (<see cref="Float512"/> with AVX-512, else <see cref="Float256"/>): generic code over this interface is compiled
/// once per struct, with every call inlined. Element-wise IEEE operations only, so the width never changes a result.
/// </summary>
internal interface IFloatVector<TSelf> where TSelf : struct, IFloatVector<TSelf>
{
    static abstract int Count { get; }
    static abstract TSelf Create(float value);
    static abstract TSelf Load(ref float source, nuint index);
    void Store(ref float destination, nuint index);
    static abstract TSelf operator +(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a, TSelf b);
    static abstract TSelf operator *(TSelf a, TSelf b);
    static abstract TSelf Min(TSelf a, TSelf b);

    /// <summary>a · b + c with one rounding.</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);

    /// <summary>All bits set in the lanes where a &lt; b.</summary>
    static abstract TSelf LessThan(TSelf a, TSelf b);

    /// <summary><paramref name="mask"/> ? <paramref name="a"/> : <paramref name="b"/>, lane by lane.</summary>
    static abstract TSelf Select(TSelf mask, TSelf a, TSelf b);

    static abstract TSelf Equals(TSelf a, TSelf b);
    static abstract TSelf operator |(TSelf a, TSelf b);
    static abstract TSelf operator &(TSelf a, TSelf b);

    /// <summary>Whether any lane of a mask is set.</summary>
    bool Any();

    /// <summary>Whether every lane of a mask is set.</summary>
    bool All();

    /// <summary>Stores the lanes, whole numbers, as int32.</summary>
    void StoreInt32(ref int destination, nuint index);
}

internal readonly struct Float512(Vector512<float> v) : IFloatVector<Float512>
{
    private readonly Vector512<float> _v = v;
    public static int Count => Vector512<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Create(float value) => new(Vector512.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Load(ref float source, nuint index) => new(Vector512.LoadUnsafe(ref source, index));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref float destination, nuint index) => _v.StoreUnsafe(ref destination, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 operator +(Float512 a, Float512 b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 operator -(Float512 a, Float512 b) => new(a._v - b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 operator *(Float512 a, Float512 b) => new(a._v * b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Min(Float512 a, Float512 b) => new(Vector512.MinNative(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 MultiplyAdd(Float512 a, Float512 b, Float512 c) => new(Vector512.FusedMultiplyAdd(a._v, b._v, c._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 LessThan(Float512 a, Float512 b) => new(Vector512.LessThan(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Select(Float512 mask, Float512 a, Float512 b) => new(Vector512.ConditionalSelect(mask._v, a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 Equals(Float512 a, Float512 b) => new(Vector512.Equals(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 operator |(Float512 a, Float512 b) => new(a._v | b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float512 operator &(Float512 a, Float512 b) => new(a._v & b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Any() => _v.AsUInt32() != Vector512<uint>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool All() => _v.AsUInt32() == Vector512<uint>.AllBitsSet;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StoreInt32(ref int destination, nuint index) => Vector512.ConvertToInt32(_v).StoreUnsafe(ref destination, index);
}

internal readonly struct Float256(Vector256<float> v) : IFloatVector<Float256>
{
    private readonly Vector256<float> _v = v;
    public static int Count => Vector256<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Create(float value) => new(Vector256.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Load(ref float source, nuint index) => new(Vector256.LoadUnsafe(ref source, index));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref float destination, nuint index) => _v.StoreUnsafe(ref destination, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 operator +(Float256 a, Float256 b) => new(a._v + b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 operator -(Float256 a, Float256 b) => new(a._v - b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 operator *(Float256 a, Float256 b) => new(a._v * b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Min(Float256 a, Float256 b) => new(Vector256.MinNative(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 MultiplyAdd(Float256 a, Float256 b, Float256 c) => new(Vector256.FusedMultiplyAdd(a._v, b._v, c._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 LessThan(Float256 a, Float256 b) => new(Vector256.LessThan(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Select(Float256 mask, Float256 a, Float256 b) => new(Vector256.ConditionalSelect(mask._v, a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 Equals(Float256 a, Float256 b) => new(Vector256.Equals(a._v, b._v));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 operator |(Float256 a, Float256 b) => new(a._v | b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float256 operator &(Float256 a, Float256 b) => new(a._v & b._v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Any() => _v.AsUInt32() != Vector256<uint>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool All() => _v.AsUInt32() == Vector256<uint>.AllBitsSet;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StoreInt32(ref int destination, nuint index) => Vector256.ConvertToInt32(_v).StoreUnsafe(ref destination, index);
}
