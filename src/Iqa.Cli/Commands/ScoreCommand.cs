using System.CommandLine;
using Iqa.Gpu.Outputs;
using Iqa.Gpu.Scoring;

namespace Iqa.Cli.Commands;

/// <summary><c>iqa score REF DIST</c> (full-reference) or <c>iqa score IMAGE</c> (no-reference metrics).</summary>
public static class ScoreCommand
{
    public static Command Create()
    {
        var first = new Argument<string>("REF") { Description = "Reference image (or the image, for no-reference metrics)" };
        var second = new Argument<string?>("DIST") { Description = "Distorted image", Arity = ArgumentArity.ZeroOrOne };
        var timings = new Option<bool>("--timings") { Description = "Report decode / compute / total milliseconds" };
        var options = new ScoringOptions();
        var command = new Command("score", "Score one image pair (or one image with no-reference metrics)");
        command.Arguments.Add(first);
        command.Arguments.Add(second);
        options.AddTo(command);
        command.Options.Add(timings);
        CommandRunner.SetAction(command, (parse, output, _) =>
        {
            var settings = options.Settings(parse);
            var metrics = options.Metrics(parse);
            var format = options.OutputFormat(parse);
            using var backend = options.CreateBackend(parse);
            using var scorer = new Scorer(backend, metrics, settings, parse.GetValue(options.MaxPixels));
            string a = parse.GetValue(first)!;
            string? b = parse.GetValue(second);
            var result = b is null ? scorer.Score(null, a) : scorer.Score(a, b);
            ScoreWriter.Write(output, result, format, parse.GetValue(timings));
            return ExitCodes.Success;
        });
        return command;
    }
}
