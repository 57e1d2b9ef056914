using System.CommandLine;
using Iqa.Gpu;

namespace Iqa.Cli.Commands;

/// <summary>
/// Runs a command's body with the invocation's writers and turns expected failures (<see cref="IqaException"/>)
/// into one line on stderr and a non-zero exit code, never a stack trace.
/// </summary>
public static class CommandRunner
{
    public static void SetAction(Command command, Func<ParseResult, TextWriter, TextWriter, int> body) =>
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                return body(parse, output, error);
            }
            catch (IqaException e)
            {
                error.WriteLine($"iqa: {e.Message}");
                return ExitCodes.InputError;
            }
            catch (Exception e)
            {
                error.WriteLine($"iqa: internal error: {e}");
                return ExitCodes.InternalError;
            }
        });
}
