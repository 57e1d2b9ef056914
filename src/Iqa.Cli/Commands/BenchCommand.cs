using System.CommandLine;
using System.CommandLine.Parsing;
using Iqa.Cli.Output;
using Iqa.Gpu;
using Iqa.Gpu.Bench;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics;

namespace Iqa.Cli.Commands;

/// <summary>
/// <c>iqa bench</c>: the same work on every device (generated frames at given sizes, or the user's image or video
/// pairs): throughput resident and end to end, the time split, kernel compilation, peak memory, and each score's
/// agreement with the cpu device; exit code 3 when a device disagrees beyond the stated tolerances.
/// <c>iqa bench --compare a.json b.json</c> puts saved runs side by side.
/// </summary>
public static class BenchCommand
{
    private const string DefaultSize = "1920x1080";

    public static Command Create()
    {
        var accelerators = OptionParsing.Create<IReadOnlyList<string>?>("--accelerators",
            $"Devices to measure: all (every usable device: 'iqa devices'), or a list of {string.Join(", ", DeviceFactory.Kinds)}, cuda:N, opencl:N",
            ParseAccelerators);
        var metric = OptionParsing.Create("--metric", $"Comma-separated workloads, any of {string.Join(", ", BenchWorkloads.Names)}",
            BenchWorkloads.ParseNames, "-m");
        metric.DefaultValueFactory = _ => BenchWorkloads.DefaultNames;
        var size = OptionParsing.Create<IReadOnlyList<(int Width, int Height)>?>("--size",
            $"Generated frame sizes, comma-separated WIDTHxHEIGHT (default {DefaultSize}; each side {BenchFrames.MinSide} to {BenchFrames.MaxSide}, 7680x4320 pixels or fewer)",
            text => [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(BenchFrames.ParseSize)]);
        var input = new Option<string[]>("--input")
        {
            Description = "REF,DIST: an image pair (repeatable), or a video pair (luma of the first --frames frames)",
            Arity = ArgumentArity.OneOrMore,
        };
        input.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (token.Value.Split(',') is not [{ Length: > 0 }, { Length: > 0 }])
                    result.AddError($"invalid --input '{token.Value}' (REF,DIST: two files separated by a comma)");
        });
        var frames = OptionParsing.Integer("--frames", "Distinct frame pairs per size, resident together on the device", 1, BenchFrames.MaxFrames, 2);
        var minTime = OptionParsing.Create("--min-time", "Seconds each mode repeats at least, 0.01 to 60", ParseMinTime);
        minTime.DefaultValueFactory = _ => new BenchTiming().MinSeconds;
        var outFile = new Option<string?>("--out") { Description = "Write the report as JSON to this file (for --compare on another machine)" };
        var plot = new Option<string?>("--plot") { Description = "Draw frames per second as a bar chart: a .png file" };
        plot.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !result.Tokens[^1].Value.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                result.AddError($"invalid --plot '{result.Tokens[^1].Value}' (a .png file)");
        });
        var compare = new Option<string[]>("--compare")
        {
            Description = "Print saved reports (--out files) side by side instead of measuring",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress on stderr" };
        var scoring = new ScoringOptions();

        var command = new Command("bench", "Measure and compare devices: throughput, time split, compilation, memory, agreement with cpu");
        var runOptions = new Option[] { accelerators, metric, size, input, frames, minTime, outFile, scoring.Profile, scoring.Color,
            scoring.Downsample, scoring.DataRange, scoring.Set, scoring.MaxPixels };
        foreach (var option in runOptions.Concat([scoring.Format, plot, compare, quiet]))
            command.Options.Add(option);
        command.Validators.Add(result =>
        {
            if (result.GetResult(size) is not null && result.GetResult(input) is not null)
                result.AddError("--size and --input can't be used together (generated frames, or your files)");
            if (result.GetResult(compare) is not null
                && runOptions.FirstOrDefault(o => result.GetResult(o) is { Implicit: false }) is { } conflicting)
                result.AddError($"--compare prints saved reports: {conflicting.Name} applies to a measuring run");
            if (result.GetResult(compare) is not null && result.GetValue(scoring.Format) == OutputFormat.Json)
                result.AddError("--compare prints a table or csv (the reports are the JSON)");
        });

        CommandRunner.SetAction(command, (parse, output, error) =>
        {
            var format = parse.GetValue(scoring.Format);
            string? plotPath = parse.GetValue(plot);
            if (parse.GetValue(compare) is { Length: > 0 } files)
            {
                var reports = files.Select(f => ((string?)f, BenchJson.Read(f))).ToList();
                var comparison = BenchComparison.Build(reports);
                if (plotPath is not null)
                    BenchPlot.Write(plotPath, comparison, "iqa bench: " + string.Join(" vs ", files.Select(Path.GetFileName)));
                if (format == OutputFormat.Csv)
                    comparison.WriteCsv(output);
                else
                    comparison.WriteTable(output);
                return ExitCodes.Success;
            }

            var settings = Settings(parse, scoring);
            int count = (int)parse.GetValue(frames);
            var frameSets = parse.GetValue(input) is { Length: > 0 } inputs
                ? ReadInputs(inputs, count, parse.GetValue(scoring.MaxPixels))
                : (parse.GetValue(size) ?? [BenchFrames.ParseSize(DefaultSize)]).Select(s => BenchFrames.Synthetic(s.Width, s.Height, count)).ToList();
            bool silent = parse.GetValue(quiet);
            var report = BenchRunner.Run(new BenchOptions
            {
                Accelerators = parse.GetValue(accelerators) ?? BenchRunner.AllAccelerators(),
                Workloads = parse.GetValue(metric)!,
                FrameSets = frameSets,
                Settings = settings,
                Timing = new BenchTiming { MinSeconds = parse.GetValue(minTime) },
                Progress = silent ? null : line => error.WriteLine($"iqa bench: {line}"),
            });

            // Files first: if one can't be written the run fails with nothing on stdout that looks like a result.
            if (parse.GetValue(outFile) is { } outPath)
                BenchJson.Write(outPath, report);
            if (plotPath is not null)
                BenchPlot.Write(plotPath, BenchComparison.Build([(null, report)]), $"iqa bench on {report.Machine.CpuModel}");
            switch (format)
            {
                case OutputFormat.Json:
                    output.WriteLine(BenchJson.Text(report));
                    break;
                case OutputFormat.Csv:
                    BenchReportText.WriteCsv(output, report);
                    break;
                default:
                    BenchReportText.WriteTable(output, report);
                    break;
            }
            foreach (var failed in report.Measurements.Where(m => !m.Passed))
                error.WriteLine($"iqa: {failed.Accelerator} {failed.Workload} {failed.Size}: {BenchText.Outcome(failed)}");
            return report.Passed ? ExitCodes.Success : ExitCodes.PartialFailure;
        });
        return command;
    }

    private static IReadOnlyList<string>? ParseAccelerators(string text)
    {
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names is ["all"])
            return null;
        if (names.Length == 0 || names.Contains("all"))
            throw new IqaException($"invalid --accelerators '{text}' (all, or a comma-separated list of devices)");
        foreach (string name in names)
            if (DeviceFactory.ParseName(name).Kind == "auto")
                throw new IqaException($"invalid --accelerators '{text}': name the devices (auto picks one of them)");
        return [.. names.Select(n => n.ToLowerInvariant()).Distinct()];
    }

    private static double ParseMinTime(string text) =>
        double.TryParse(text.Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double s)
        && s is >= 0.01 and <= 60
            ? s
            : throw new IqaException($"invalid --min-time '{text}' (seconds, 0.01 to 60)");

    /// <summary>The conventions, as the scoring commands resolve them (a deep metric's model is given with --set METRIC.model=PATH).</summary>
    private static ScoreSettings Settings(ParseResult parse, ScoringOptions scoring)
    {
        var settings = Profiles.Resolve(parse.GetValue(scoring.Profile), parse.GetValue(scoring.Color),
            parse.GetValue(scoring.Downsample), parse.GetValue(scoring.DataRange));
        return settings with { Options = (parse.GetValue(scoring.Set) ?? []).ToDictionary(kv => kv.Key, kv => kv.Value) };
    }

    /// <summary>Image pairs (grouped by size), or one video pair.</summary>
    private static IReadOnlyList<BenchFrameSet> ReadInputs(string[] inputs, int count, long maxPixels)
    {
        var pairs = inputs.Select(i => i.Split(',')).Select(p => (Reference: p[0], Distorted: p[1])).ToList();
        bool IsImages((string Reference, string Distorted) p) => ImageDecoder.IsImageFile(p.Reference) && ImageDecoder.IsImageFile(p.Distorted);
        if (pairs.All(IsImages))
            return BenchFrames.Images(pairs, count, maxPixels);
        if (pairs is [var video] && !ImageDecoder.IsImageFile(video.Reference) && !ImageDecoder.IsImageFile(video.Distorted))
            return [BenchFrames.Video(video.Reference, video.Distorted, count, maxPixels)];
        throw new IqaException("--input takes image pairs (REF,DIST, repeatable) or one video pair, not a mix");
    }
}
