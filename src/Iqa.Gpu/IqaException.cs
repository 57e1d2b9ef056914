using System.Text;

namespace Iqa.Gpu;

/// <summary>
/// An expected failure caused by the input or the request (missing file, size mismatch, unknown metric, ...).
/// Its message is one line meant for the user; front ends print it without a stack trace.
/// </summary>
public sealed class IqaException : Exception
{
    public IqaException(string message) : base(Printable(message)) { }
    public IqaException(string message, Exception inner) : base(Printable(message), inner) { }

    /// <summary>
    /// The message with control characters written as <c>\xNN</c>: text taken from an input (a Y4M header's tags,
    /// a file name with a newline, a decoder's words) can neither break the one-line contract nor drive the terminal.
    /// </summary>
    internal static string Printable(string text)
    {
        if (!text.Any(IsUnprintable))
            return text;
        var printable = new StringBuilder(text.Length + 16);
        foreach (char c in text)
            printable.Append(IsUnprintable(c) ? $"\\x{(int)c:x2}" : c);
        return printable.ToString();
    }

    // C0 and C1 controls and DEL, and the Unicode line and paragraph separators.
    private static bool IsUnprintable(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
