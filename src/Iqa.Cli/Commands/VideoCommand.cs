using System.CommandLine;
using Iqa.Gpu;
using Iqa.Gpu.Outputs;
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
        var referenceSkip = new Option<long>("--ref-skip") { Description = "Reference frames to skip before scoring" };
        var distortedSkip = new Option<long>("--dist-skip") { Description = "Distorted frames to skip before scoring" };
        var frames = new Option<long?>("--frames") { Description = "Score at most N frames" };
        var planes = new Option<string>("--planes")
        {
            Description = "y (luma only) or yuv (also U and V: scores named ssim_u, ssim_v, psnr_u, ...)",
            DefaultValueFactory = _ => "y",
        };
        var log = new Option<string?>("--log") { Description = "Per-frame log: FILE.json (frames and pooled metrics) or FILE.csv (one row per frame)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress on stderr" };
        var options = new ScoringOptions();
        var command = new Command("video", "Score a distorted video against its reference, frame by frame");
        foreach (var option in new Option[] { reference, distorted, size, pixelFormat, referenceSkip, distortedSkip, frames, planes, log, quiet })
            command.Options.Add(option);
        options.AddTo(command);
        // Video planes are scored as stored: no colour conversion applies (--planes chooses them).
        command.Options.Remove(options.Color);
        options.DataRange.Description = "Data range L (default: the bit depth's maximum, 255 for 8-bit, 1023 for 10-bit, ...)";
        options.MaxPixels.Description = "Refuse frames with more pixels than this";
        CommandRunner.SetAction(command, (parse, output, error) =>
        {
            var settings = options.Settings(parse);
            var metrics = options.Metrics(parse);
            var format = options.OutputFormat(parse);
            var planeSelection = VideoPlanesNames.Parse(parse.GetValue(planes)!);
            string? logPath = parse.GetValue(log);
            if (logPath is not null && Path.GetExtension(logPath).ToLowerInvariant() is not (".json" or ".csv"))
                throw new IqaException($"--log {logPath}: name a .json or .csv file");
            long refSkip = parse.GetValue(referenceSkip), distSkip = parse.GetValue(distortedSkip);
            long? limit = parse.GetValue(frames);
            if (refSkip < 0 || distSkip < 0 || limit < 1)
                throw new IqaException("--ref-skip and --dist-skip must be 0 or more, --frames 1 or more");
            var raw = RawFormat(parse.GetValue(size), parse.GetValue(pixelFormat));

            using var pair = VideoPair.Open(parse.GetValue(reference)!, raw, refSkip, parse.GetValue(distorted)!, raw, distSkip,
                limit, planeSelection, settings.DataRange, parse.GetValue(options.MaxPixels));
            using var backend = options.CreateBackend(parse);
            using var scorer = new VideoScorer(backend, metrics, settings, planeSelection);
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
                WriteLog(logPath, result);
            VideoWriter.WriteSummary(output, result, format);
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

    private static void WriteLog(string path, VideoResult result)
    {
        try
        {
            VideoWriter.WriteLog(path, result);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IqaException($"cannot write the log {path}: {e.Message}", e);
        }
    }
}
