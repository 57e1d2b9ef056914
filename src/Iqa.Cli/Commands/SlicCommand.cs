using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Iqa.Cli.Output;
using Iqa.Gpu;
using Iqa.Gpu.Images;
using Iqa.Gpu.Slic;

namespace Iqa.Cli.Commands;

/// <summary>
/// <c>iqa slic IMAGE</c>: SLIC superpixels exactly as scikit-image 0.19.3's <c>slic(img, n_segments=K, compactness=M,
/// start_label=1)</c> computes them (docs/slic.md), on any device; the label map as a 16-bit PNG or 32-bit TIFF, a boundary
/// overlay, and the segmentation's figures (label count, sizes, Lab spread within superpixels) on stdout.
/// </summary>
public static class SlicCommand
{
    public static Command Create()
    {
        var image = new Argument<string>("IMAGE") { Description = "The image to segment" }.RejectingOptions();
        var segments = OptionParsing.Integer("--segments", "Approximate number of superpixels (n_segments), 1 to 1,000,000", 1, 1_000_000, 100);
        var compactness = OptionParsing.Create("--compactness", "Colour against space (scikit-image's compactness, above 0; default 10)", ParseCompactness);
        compactness.DefaultValueFactory = _ => 10.0;
        var iterations = OptionParsing.Integer("--iterations", "k-means iterations (max_num_iter), 1 to 1000", 1, 1000, 10);
        var labels = new Option<string?>("--out") { Description = "Write the label map: .png (16-bit, up to 65,535 labels) or .tif/.tiff (32-bit)" };
        var overlay = new Option<string?>("--overlay") { Description = "Write the image with the superpixel boundaries drawn (mark_boundaries): .png" };
        var timings = new Option<bool>("--timings") { Description = "Report decode / segment / total milliseconds" };
        var options = new ScoringOptions();
        var command = new Command("slic", "Segment an image into SLIC superpixels as scikit-image does");
        command.Arguments.Add(image);
        foreach (var o in new Option[] { segments, compactness, iterations, labels, overlay, timings, options.Accelerator, options.MaxPixels, options.Format })
            command.Options.Add(o);
        CommandRunner.SetAction(command, (parse, output, _) =>
        {
            var parameters = new SlicParameters
            {
                Segments = (int)parse.GetValue(segments),
                Compactness = parse.GetValue(compactness),
                MaxIterations = (int)parse.GetValue(iterations),
            };
            parameters.Validate();
            using var device = options.CreateDevice(parse);
            var slic = ISlicOperations.On(device); // kernels compile before the image is read
            var clock = Stopwatch.StartNew();
            string path = parse.GetValue(image)!;
            var decoded = ImageDecoder.Decode(path, parse.GetValue(options.MaxPixels));
            double decodeMs = clock.Elapsed.TotalMilliseconds;
            var result = slic.Segment(decoded, parameters);
            double segmentMs = clock.Elapsed.TotalMilliseconds - decodeMs;
            if (parse.GetValue(labels) is { } labelPath)
                SlicLabelFile.Write(result, labelPath);
            if (parse.GetValue(overlay) is { } overlayPath)
                SlicBoundaries.WriteOverlay(decoded, result, overlayPath);
            var report = new SlicReport(path, parameters, device.Name, device.Description, result,
                parse.GetValue(timings) ? (decodeMs, segmentMs, clock.Elapsed.TotalMilliseconds) : null);
            SlicReport.Write(output, report, parse.GetValue(options.Format));
            return ExitCodes.Success;
        });
        return command;
    }

    private static double ParseCompactness(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) && value > 0
            ? value
            : throw new IqaException($"invalid compactness '{text}' (a number above 0)");
}
