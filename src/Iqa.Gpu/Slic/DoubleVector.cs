using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Iqa.Gpu.Slic;

/// <summary>
/// The few double-vector operations the SLIC loops use, over the widest vector the CPU runs natively
/// (<see cref="Double512"/> with AVX-512, else <see cref="Double256"/>): generic code over this interface is
/// compiled once per struct, with every call inlined. Element-wise IEEE operations only, so the width never changes
/// a result.
/// </summary>
internal interface IDoubleVector<TSelf> where TSelf : struct, IDoubleVector<TSelf>
{
    static abstract int Count { get; }
    static abstract TSelf Create(double value);
    static abstract TSelf Load(ref double source, nuint index);
    void Store(ref double destination, nuint index);
    static abstract TSelf operator +(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a, TSelf b);
    static abstract TSelf operator *(TSelf a, TSelf b);

    /// <summary>All bits set in the lanes where a &lt; b.</summary>
    static abstract TSelf LessThan(TSelf a, TSelf b);

    /// <summary><paramref name="mask"/> ? <paramref name="a"/> : <paramref name="b"/>, lane by lane.</summary>
    static abstract TSelf Select(TSelf mask, TSelf a, TSelf b);

    /// <summary>Whether any lane of a mask is set.</summary>
    bool Any();
}

internal readonly struct Double512(Vector512<double> v) : IDoubleVector<Double512>
{
    private readonly Vector512<double> _v = v;
    public static int Count => Vector512<double>.Count;
    public static Double512 Create(double value) => new(Vector512.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double512 Load(ref double source, nuint index) => new(Vector512.LoadUnsafe(ref source, index));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref double destination, nuint index) => _v.StoreUnsafe(ref destination, index);
    public static Double512 operator +(Double512 a, Double512 b) => new(a._v + b._v);
    public static Double512 operator -(Double512 a, Double512 b) => new(a._v - b._v);
    public static Double512 operator *(Double512 a, Double512 b) => new(a._v * b._v);
    public static Double512 LessThan(Double512 a, Double512 b) => new(Vector512.LessThan(a._v, b._v));
    public static Double512 Select(Double512 mask, Double512 a, Double512 b) => new(Vector512.ConditionalSelect(mask._v, a._v, b._v));
    public bool Any() => _v.AsUInt64() != Vector512<ulong>.Zero;
}

internal readonly struct Double256(Vector256<double> v) : IDoubleVector<Double256>
{
    private readonly Vector256<double> _v = v;
    public static int Count => Vector256<double>.Count;
    public static Double256 Create(double value) => new(Vector256.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Double256 Load(ref double source, nuint index) => new(Vector256.LoadUnsafe(ref source, index));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref double destination, nuint index) => _v.StoreUnsafe(ref destination, index);
    public static Double256 operator +(Double256 a, Double256 b) => new(a._v + b._v);
    public static Double256 operator -(Double256 a, Double256 b) => new(a._v - b._v);
    public static Double256 operator *(Double256 a, Double256 b) => new(a._v * b._v);
    public static Double256 LessThan(Double256 a, Double256 b) => new(Vector256.LessThan(a._v, b._v));
    public static Double256 Select(Double256 mask, Double256 a, Double256 b) => new(Vector256.ConditionalSelect(mask._v, a._v, b._v));
    public bool Any() => _v.AsUInt64() != Vector256<ulong>.Zero;
}
