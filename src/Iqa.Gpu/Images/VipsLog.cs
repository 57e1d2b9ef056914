using NetVips;

namespace Iqa.Gpu.Images;

/// <summary>
/// Takes libvips' log over from GLib's default handler, which writes each warning ("VIPS-WARNING **: ...") to the
/// process's stderr from native code: front ends promise one error line per failure. Messages logged on a thread
/// while it decodes (a header that libpng rejects, say) are kept for that decode's error message; the rest
/// (libvips' worker threads, whose failure also surfaces as the decode's error) are dropped.
/// </summary>
internal static class VipsLog
{
    // The domains whose messages a libvips decode can log: libvips' own, and GLib's where a loader misuses it.
    private static readonly string?[] Domains = ["VIPS", "GLib", "GLib-GObject", null];

    // Kept in a field: native code holds on to the delegate for the life of the process.
    private static readonly Log.LogDelegate Handler = OnMessage;

    [ThreadStatic]
    private static List<string>? _captured;

    /// <summary>Installs the handler; called once, before the first decode.</summary>
    public static void Install()
    {
        foreach (string? domain in Domains)
            Log.SetLogHandler(domain, Enums.LogLevelFlags.All, Handler);
    }

    /// <summary>Collects what this thread logs until the returned scope is disposed.</summary>
    public static Capture Begin() => new(_captured = []);

    private static void OnMessage(string domain, Enums.LogLevelFlags level, string message)
    {
        const Enums.LogLevelFlags problems = Enums.LogLevelFlags.Error | Enums.LogLevelFlags.Critical | Enums.LogLevelFlags.Warning;
        string text = message.Trim();
        if ((level & problems) != 0 && _captured is { Count: < 8 } captured && !captured.Contains(text))
            captured.Add(text);
    }

    public readonly struct Capture(List<string> messages) : IDisposable
    {
        public IReadOnlyList<string> Messages => messages;

        public void Dispose() => _captured = null;
    }
}
