using System.CommandLine;
using Iqa.Cli.Output;
using Iqa.Gpu.Scoring;

namespace Iqa.Cli.Commands;

/// <summary><c>iqa score REF DIST</c> (full-reference) or <c>iqa score IMAGE</c> (no-reference metrics).</summary>
public static class ScoreCommand
{
    public static Command Create()
    {
        var first = new Argument<string>("REF") { Description = "Reference image (or the image, for no-reference metrics)" }.RejectingOptions();
        var second = new Argument<string?>("DIST") { Description = "Distorted image", Arity = ArgumentArity.ZeroOrOne }.RejectingOptions();
        var timings = new Option<bool>("--timings") { Description = "Report decode / compute / total milliseconds" };
        var options = new ScoringOptions();
        var command = new Command("score", "Score one image pair (or one image with no-reference metrics)");
        command.Arguments.Add(first);
        command.Arguments.Add(second);
        options.AddTo(command);
        command.Options.Add(timings);
        CommandRunner.SetAction(command, (parse, output, _) =>
        {
            using var device = options.CreateDevice(parse);
            using var scorer = new Scorer(device, options.Metrics(parse), options.Settings(parse), parse.GetValue(options.MaxPixels));
            string a = parse.GetValue(first)!;
            string? b = parse.GetValue(second);
            var result = b is null ? scorer.Score(null, a) : scorer.Score(a, b);
            parse.GetValue(options.Format).Formatter().Score(output, result, parse.GetValue(timings));
            return ExitCodes.Success;
        });
        return command;
    }
}
