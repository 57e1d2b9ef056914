using System.CommandLine;
using Iqa.Cli.Output;
using Iqa.Gpu;
using Iqa.Gpu.Scoring;
using Iqa.Gpu.Video;

namespace Iqa.Cli.Commands;

/// <summary>
/// <c>iqa video --ref REF --dist DIST</c>: per-frame full-reference scores of two videos on their YUV planes,
/// pooled over the frames; <c>--log</c> writes every frame (JSON or CSV). A truncated input is scored up to its
/// last complete frame and exits with <see cref="ExitCodes.PartialFailure"/>.
/// </summary>
public static class VideoCommand
{
    public static Command Create()
    {
        var reference = new Option<string>("--ref") { Description = "Reference video (.y4m, .yuv, or anything ffmpeg decodes)", Required = true };
        var distorted = new Option<string>("--dist") { Description = "Distorted video", Required = true };
        var size = new Option<string?>("--size") { Description = "Frame size WxH of .yuv inputs (e.g. 1920x1080)" };
        var pixelFormat = new Option<string?>("--pix-fmt") { Description = "Pixel format of .yuv inputs (e.g. yuv420p, yuv420p10le)" };
        var referenceSkip = OptionParsing.Integer("--ref-skip", "Reference frames to skip before scoring", 0, long.MaxValue, 0);
        var distortedSkip = OptionParsing.Integer("--dist-skip", "Distorted frames to skip before scoring", 0, long.MaxValue, 0);
        var frames = OptionParsing.OptionalInteger("--frames", "Score at most N frames", 1, long.MaxValue);
        var planes = OptionParsing.Create("--planes", "y (luma only) or yuv (also U and V: scores named ssim_u, ssim_v, psnr_u, ...)",
            VideoPlanesNames.Parse);
        planes.DefaultValueFactory = _ => VideoPlanes.Y;
        var log = new Option<string?>("--log") { Description = "Per-frame log: FILE.json (frames and pooled metrics) or FILE.csv (one row per frame)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress on stderr" };
        var options = new ScoringOptions();
        var maps = new MapOptions();
        var command = new Command("video", "Score a distorted video against its reference, frame by frame");
        foreach (var option in new Option[] { reference, distorted, size, pixelFormat, referenceSkip, distortedSkip, frames, planes, log, quiet, maps.Regions })
            command.Options.Add(option);
        options.AddTo(command);
        // Video planes are scored as stored: no colour conversion applies (--planes chooses them).
        command.Options.Remove(options.Color);
        options.DataRange.Description = "Data range L (default: the bit depth's maximum, 255 for 8-bit, 1023 for 10-bit, ...)";
        options.MaxPixels.Description = "Refuse frames with more pixels than this";
        CommandRunner.SetAction(command, (parse, output, error) =>
        {
            var settings = options.Settings(parse);
            var planeSelection = parse.GetValue(planes);
            string? logPath = parse.GetValue(log);
            if (logPath is not null && Path.GetExtension(logPath).ToLowerInvariant() is not (".json" or ".csv"))
                throw new IqaException($"--log {logPath}: name a .json or .csv file");
            var raw = RawFormat(parse.GetValue(size), parse.GetValue(pixelFormat));

            // Metrics are initialized (options, models, kernels) before any input is opened.
            using var device = options.CreateDevice(parse);
            var metrics = options.Metrics(parse);
            using var scorer = new VideoScorer(device, metrics, settings, planeSelection,
                MapOptions.Factory(maps.Analysis(parse, metrics, maps: false), metrics, null));
            using var pair = VideoPair.Open(parse.GetValue(reference)!, raw, parse.GetValue(referenceSkip), parse.GetValue(distorted)!, raw,
                parse.GetValue(distortedSkip), parse.GetValue(frames), planeSelection, settings.DataRange, parse.GetValue(options.MaxPixels));
            var progress = parse.GetValue(quiet)
                ? null
                : new ProgressReporter(error, "frames", pair.ExpectedFrames, ProgressReporter.IsTerminal(error));
            var result = scorer.Score(pair, progress is null ? null : progress.Report);
            progress?.Finish(result.Frames.Count);

            if (result.Frames.Count == 0)
                throw new IqaException(string.Join("; ", result.Truncations.Append("no complete frame pair to score")));
            if (result.FrameCountDifference is { } difference)
                error.WriteLine($"iqa: warning: {difference}");
            // The log first: if it can't be written, the run fails with nothing on stdout that looks like a score.
            if (logPath is not null)
                VideoLog.Write(logPath, result);
            parse.GetValue(options.Format).Formatter().VideoSummary(output, result);
            foreach (string truncation in result.Truncations)
                error.WriteLine($"iqa: {truncation}; scored the {result.Frames.Count} complete frames");
            return result.Truncations.Any() ? ExitCodes.PartialFailure : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The raw format both .yuv inputs use, or null when neither option is given.</summary>
    private static RawVideoFormat? RawFormat(string? size, string? pixelFormat) => (size, pixelFormat) switch
    {
        (null, null) => null,
        (not null, not null) => RawVideoFormat.Parse(size, pixelFormat),
        _ => throw new IqaException("--size and --pix-fmt go together (both describe .yuv inputs)"),
    };
}
