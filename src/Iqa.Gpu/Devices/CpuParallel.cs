namespace Iqa.Gpu.Devices;

/// <summary>
/// How the <c>cpu</c> device's kernels split their work: over every core by default, or on the calling thread alone
/// inside <see cref="Sequential"/>, which callers use when they already run one item per core (video frames, batch
/// items). Then a kernel call costs no fork and join: on a machine shared with other work, every join can wait for a
/// worker's next time slice, many times per frame.
/// </summary>
internal static class CpuParallel
{
    [ThreadStatic]
    private static bool t_sequential;

    /// <summary>Runs <paramref name="body"/> for 0 .. <paramref name="count"/> - 1, in parallel unless this thread is sequential.</summary>
    public static void For(int count, Action<int> body)
    {
        if (t_sequential || count == 1)
            for (int i = 0; i < count; i++)
                body(i);
        else
            Parallel.For(0, count, body);
    }

    /// <summary>
    /// Parts to split <paramref name="rows"/> rows into: <paramref name="perCore"/> per core (a few, to balance the load
    /// when other work shares the cores), at most one per row; a single part on a sequential thread.
    /// </summary>
    public static int Parts(int rows, int perCore) => t_sequential ? 1 : Math.Max(1, Math.Min(rows, Environment.ProcessorCount * perCore));

    /// <summary>
    /// The first row of part <paramref name="part"/> of <paramref name="parts"/> over <paramref name="rows"/> rows
    /// (part = parts gives the end).
    /// </summary>
    public static int Start(int part, int parts, int rows) => (int)((long)part * rows / parts);

    /// <summary>Makes this thread's kernels sequential until the scope is disposed.</summary>
    public static Scope Sequential() => new(true);

    public readonly struct Scope : IDisposable
    {
        private readonly bool _previous;

        internal Scope(bool sequential)
        {
            _previous = t_sequential;
            t_sequential = sequential;
        }

        public void Dispose() => t_sequential = _previous;
    }
}
