namespace Iqa.Gpu.Sweeps.Statistics;

/// <summary>
/// xoshiro256** 1.0 (D. Blackman and S. Vigna, "Scrambled linear pseudorandom number generators", 2021; the
/// reference C code at prng.di.unimi.it), its four state words the first four outputs of SplitMix64 started at the
/// seed, as the authors recommend. A documented sequence, identical on every machine and .NET version (which
/// System.Random does not promise).
/// </summary>
public sealed class Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro256StarStar(ulong seed)
    {
        ulong state = seed;
        _s0 = SplitMix64(ref state);
        _s1 = SplitMix64(ref state);
        _s2 = SplitMix64(ref state);
        _s3 = SplitMix64(ref state);
    }

    public ulong Next()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>
    /// A uniform integer in [0, <paramref name="bound"/>): D. Lemire's multiply-shift with rejection ("Fast random
    /// integer generation in an interval", 2019): the high word of Next() * bound, drawing again while the low word
    /// is below 2^64 mod bound.
    /// </summary>
    public int Below(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bound, 1);
        ulong n = (ulong)bound;
        UInt128 m = (UInt128)Next() * n;
        if ((ulong)m < n)
        {
            ulong threshold = (0 - n) % n;
            while ((ulong)m < threshold)
                m = (UInt128)Next() * n;
        }
        return (int)(ulong)(m >> 64);
    }

    private static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
