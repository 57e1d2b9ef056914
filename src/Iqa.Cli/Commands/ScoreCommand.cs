using System.CommandLine;
using Iqa.Cli.Output;
using Iqa.Gpu;
using Iqa.Gpu.Maps;
using Iqa.Gpu.Scoring;

namespace Iqa.Cli.Commands;

/// <summary>
/// <c>iqa score REF DIST</c> (full-reference) or <c>iqa score IMAGE</c> (no-reference metrics); with <c>--map</c>,
/// <c>--map-raw</c> or <c>--regions</c>, the metrics' quality maps and the worst superpixel regions too.
/// </summary>
public static class ScoreCommand
{
    public static Command Create()
    {
        var first = new Argument<string>("REF") { Description = "Reference image (or the image, for no-reference metrics)" }.RejectingOptions();
        var second = new Argument<string?>("DIST") { Description = "Distorted image", Arity = ArgumentArity.ZeroOrOne }.RejectingOptions();
        var timings = new Option<bool>("--timings") { Description = "Report decode / compute / total milliseconds" };
        var options = new ScoringOptions();
        var maps = new MapOptions();
        var command = new Command("score", "Score one image pair (or one image with no-reference metrics)");
        command.Arguments.Add(first);
        command.Arguments.Add(second);
        options.AddTo(command);
        command.Options.Add(timings);
        foreach (var option in new Option[] { maps.Map, maps.MapRaw, maps.MapScale, maps.Regions, maps.Worst, maps.Overlay })
            command.Options.Add(option);
        CommandRunner.SetAction(command, (parse, output, _) =>
        {
            var metrics = options.Metrics(parse);
            string? mapPath = parse.GetValue(maps.Map), rawPath = parse.GetValue(maps.MapRaw), overlayPath = parse.GetValue(maps.Overlay);
            var analysisOptions = maps.Analysis(parse, metrics, mapPath is not null || rawPath is not null);
            PairAnalysis? pair = null;
            using var device = options.CreateDevice(parse);
            using var scorer = new Scorer(device, metrics, options.Settings(parse), parse.GetValue(options.MaxPixels),
                analysis: MapOptions.Factory(analysisOptions, metrics, analysed => pair = analysed));
            string a = parse.GetValue(first)!;
            string? b = parse.GetValue(second);
            var result = b is null ? scorer.Score(null, a) : scorer.Score(a, b);
            // Files first: if one can't be written, the run fails with nothing on stdout that looks like a result.
            var report = pair is null ? null : MapFiles.Write(pair, mapPath, rawPath, overlayPath, (int)parse.GetValue(maps.Worst));
            parse.GetValue(options.Format).Formatter().Score(output, result, parse.GetValue(timings), report);
            return ExitCodes.Success;
        });
        return command;
    }
}
