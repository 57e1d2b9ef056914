namespace Iqa.Gpu.Tests.Fuzz;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014, with the constants of Vigna's splitmix64.c): a fixed seed gives the
/// same mutants on every runtime and platform, which System.Random does not promise.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>A value in [0, n); the modulo bias (n / 2^64) does not matter here.</summary>
    public int Below(int n) => (int)(Next() % (ulong)n);

    public T Pick<T>(IReadOnlyList<T> items) => items[Below(items.Count)];
}
