namespace Iqa.Gpu;

/// <summary>
/// An expected failure caused by the input or the request (missing file, size mismatch, unknown metric, ...).
/// Its message is one line meant for the user; front ends print it without a stack trace.
/// </summary>
public sealed class IqaException : Exception
{
    public IqaException(string message) : base(message) { }
    public IqaException(string message, Exception inner) : base(message, inner) { }
}
