namespace Iqa.Cli.Commands;

/// <summary>Process exit codes, documented in the README.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>Bad command line (System.CommandLine's own parse errors also return 1).</summary>
    public const int Usage = 1;
    /// <summary>An input could not be scored (missing, undecodable, mismatched, too small, unusable device).</summary>
    public const int InputError = 2;
    /// <summary>A batch or video run finished, but some items (or the last video frame) could not be scored.</summary>
    public const int PartialFailure = 3;
    /// <summary>An unexpected internal failure.</summary>
    public const int InternalError = 70;
}
