using System.CommandLine;
using Iqa.Gpu;

namespace Iqa.Cli.Commands;

/// <summary>
/// Runs a command's body with the invocation's writers and turns failures into one line on stderr and an exit code,
/// never a stack trace: expected ones (<see cref="IqaException"/>) exit 2, anything else is an internal error (70).
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
                error.WriteLine($"iqa: internal error: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
                return ExitCodes.InternalError;
            }
        });
}
