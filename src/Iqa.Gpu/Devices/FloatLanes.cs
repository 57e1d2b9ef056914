using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Iqa.Gpu.Devices;

/// <summary>
/// Float vectors of one width, for the <c>cpu</c> device's kernels written once over the width
/// (<c>Kernel&lt;L, V, D&gt;</c> with <c>L</c> one of the structs below, <c>V</c> its float vector and <c>D</c> its
/// double vector): the JIT compiles one copy per struct with every call inlined. <see cref="FloatLanes.Wide"/> says
/// which to use: <see cref="Lanes512"/> where the CPU runs 512-bit vectors natively (AVX-512: twice the lanes per
/// instruction, measured 2-3x on the SSIM window here), <see cref="LanesVector"/> (<see cref="Vector{T}"/>: AVX2, NEON)
/// elsewhere.
/// </summary>
internal interface ILanes<V, D> where V : struct where D : struct
{
    static abstract int Count { get; }
    static abstract V Load(ref float source, nuint index);
    static abstract void Store(V value, ref float destination, nuint index);
    static abstract V Broadcast(float value);
    static abstract V Add(V a, V b);
    static abstract V Subtract(V a, V b);
    static abstract V Multiply(V a, V b);
    static abstract V Divide(V a, V b);

    /// <summary>a * b + c, rounded once.</summary>
    static abstract V MultiplyAdd(V a, V b, V c);

    /// <summary>
    /// The vector at <paramref name="index"/> + <paramref name="k"/> (k below <see cref="Count"/>) of a row whose vectors at
    /// <paramref name="index"/> and <paramref name="index"/> + <see cref="Count"/> are <paramref name="low"/> and
    /// <paramref name="high"/>: shifted out of the two where a vector spans a cache line (512 bits, so a load off the
    /// line's start would touch two), loaded otherwise.
    /// </summary>
    static abstract V Slide(ref float row, nuint index, V low, V high, [ConstantExpected] byte k);

    /// <summary>The first <paramref name="count"/> lanes of <paramref name="value"/>, the others zero.</summary>
    static abstract V KeepFirst(V value, int count);

    /// <summary><c>acc + (low + high)</c>: the float lanes widened to double, the low half added to the high half first.</summary>
    static abstract D AddWidened(D acc, V value);

    static abstract double Sum(D acc);
}

internal static class FloatLanes
{
    /// <summary>True where <see cref="Lanes512"/> runs natively; <see cref="LanesVector"/> otherwise.</summary>
    public static bool Wide => Vector512.IsHardwareAccelerated;

    /// <summary>The float lanes of the width in use.</summary>
    public static int Count => Wide ? Vector512<float>.Count : Vector<float>.Count;
}

internal readonly struct Lanes512 : ILanes<Vector512<float>, Vector512<double>>
{
    public static int Count => Vector512<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float source, nuint index) => Vector512.LoadUnsafe(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, ref float destination, nuint index) => value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Divide(Vector512<float> a, Vector512<float> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Slide(ref float row, nuint index, Vector512<float> low, Vector512<float> high, [ConstantExpected] byte k) =>
        Avx512F.AlignRight32(high.AsInt32(), low.AsInt32(), k).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> KeepFirst(Vector512<float> value, int count) =>
        Vector512.ConditionalSelect(Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle(), value, Vector512<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> AddWidened(Vector512<double> acc, Vector512<float> value)
    {
        var (low, high) = Vector512.Widen(value);
        return acc + (low + high);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector512<double> acc) => Vector512.Sum(acc);
}

internal readonly struct LanesVector : ILanes<Vector<float>, Vector<double>>
{
    public static int Count => Vector<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Load(ref float source, nuint index) => Vector.LoadUnsafe(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector<float> value, ref float destination, nuint index) => value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Broadcast(float value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Add(Vector<float> a, Vector<float> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Subtract(Vector<float> a, Vector<float> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Multiply(Vector<float> a, Vector<float> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Divide(Vector<float> a, Vector<float> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> MultiplyAdd(Vector<float> a, Vector<float> b, Vector<float> c) => Vector.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Slide(ref float row, nuint index, Vector<float> low, Vector<float> high, [ConstantExpected] byte k) =>
        Vector.LoadUnsafe(ref row, index + k);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> KeepFirst(Vector<float> value, int count) =>
        Vector.ConditionalSelect(Vector.AsVectorSingle(Vector.LessThan(Vector<int>.Indices, new Vector<int>(count))), value, Vector<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> AddWidened(Vector<double> acc, Vector<float> value)
    {
        Vector.Widen(value, out var low, out var high);
        return acc + (low + high);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector<double> acc) => Vector.Sum(acc);
}
