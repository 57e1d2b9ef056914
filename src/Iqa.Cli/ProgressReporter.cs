using System.Diagnostics;
using System.Globalization;

namespace Iqa.Cli;

/// <summary>
/// Progress of a long run on stderr: items done (of the total when known), items per second and the time left.
/// On a terminal one line is rewritten in place (carriage return) a few times a second; otherwise (a log, a pipe)
/// a plain line is written every <see cref="PlainInterval"/>, so logs stay readable. <see cref="Finish"/> writes the
/// final count and rate. Thread-safe: workers may report concurrently.
/// </summary>
public sealed class ProgressReporter
{
    public static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    private readonly TextWriter _writer;
    private readonly string _unit;
    private readonly long? _total;
    private readonly bool _terminal;
    private readonly Func<TimeSpan> _clock;
    private readonly Lock _lock = new();
    private TimeSpan _lastWrite;
    private int _lineLength;

    /// <param name="unit">The items' name, plural: "frames", "images".</param>
    /// <param name="total">Items expected, or null when unknown (no percentage or ETA then).</param>
    /// <param name="terminal">Rewrite one line in place (see <see cref="IsTerminal"/>).</param>
    /// <param name="clock">Elapsed time since the start; a stopwatch started now unless given (tests).</param>
    public ProgressReporter(TextWriter writer, string unit, long? total, bool terminal, Func<TimeSpan>? clock = null)
    {
        _writer = writer;
        _unit = unit;
        _total = total;
        _terminal = terminal;
        if (clock is null)
        {
            var stopwatch = Stopwatch.StartNew();
            clock = () => stopwatch.Elapsed;
        }
        _clock = clock;
    }

    /// <summary>True when <paramref name="writer"/> is this process's stderr and that is a terminal.</summary>
    public static bool IsTerminal(TextWriter writer) => ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected;

    /// <summary>Records that <paramref name="done"/> items are complete; writes a line when one is due.</summary>
    public void Report(long done)
    {
        lock (_lock)
        {
            var now = _clock();
            if (now - _lastWrite < (_terminal ? TerminalInterval : PlainInterval))
                return;
            _lastWrite = now;
            Write(Describe(done, now), final: false);
        }
    }

    /// <summary>Writes the final line: items done, time taken and rate.</summary>
    public void Finish(long done)
    {
        lock (_lock)
        {
            var now = _clock();
            Write(string.Create(CultureInfo.InvariantCulture, $"{_unit} {done} in {now.TotalSeconds:0.00} s, {Rate(done, now):0.0} {_unit}/s"),
                final: true);
        }
    }

    /// <summary>One progress line, e.g. "frames 42/120 (35%), 118.3 frames/s, ETA 0:01".</summary>
    public string Describe(long done, TimeSpan elapsed)
    {
        double rate = Rate(done, elapsed);
        long? total = _total > 0 ? _total : null;
        var text = FormattableString.Invariant($"{_unit} {done}");
        if (total is { } t)
            text += FormattableString.Invariant($"/{t} ({100.0 * done / t:0}%)");
        text += FormattableString.Invariant($", {rate:0.0} {_unit}/s");
        if (total is { } remaining && rate > 0)
            text += $", ETA {Duration(TimeSpan.FromSeconds(Math.Max(0, remaining - done) / rate))}";
        return text;
    }

    private static double Rate(long done, TimeSpan elapsed) => elapsed > TimeSpan.Zero ? done / elapsed.TotalSeconds : 0;

    private static string Duration(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}" : $"{t.Minutes}:{t.Seconds:00}";

    private void Write(string line, bool final)
    {
        if (_terminal)
        {
            // Pads over the end of a longer previous line; the final line ends it.
            _writer.Write("\r" + line.PadRight(_lineLength));
            _lineLength = line.Length;
            if (final)
                _writer.WriteLine();
        }
        else
            _writer.WriteLine(line);
        _writer.Flush();
    }
}
