using System.CommandLine;
using Iqa.Gpu;
using Iqa.Gpu.Maps;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Metrics.Ssim;
using Iqa.Gpu.Scoring;
using Iqa.Gpu.Slic;

namespace Iqa.Cli.Commands;

/// <summary>
/// The options of quality maps and superpixel regions (README, "Quality maps and regions"): which ones a command takes
/// is its choice; paths are checked for their extension when the command line is parsed.
/// </summary>
public sealed class MapOptions
{
    /// <summary>The largest --regions: SLIC's seed grid and label arrays stay small beside the image.</summary>
    public const int MaxRegions = 100_000;

    public Option<string?> Map { get; } = PathOption("--map", "Write each metric's quality map as a PNG (viridis, colour bar); with several metrics, one file each: out.ssim.png, ...", ".png");

    public Option<string?> MapRaw { get; } = PathOption("--map-raw", "Write each metric's map as raw float32 values: a .tif/.tiff (one per metric, named as --map's)", ".tif", ".tiff");

    public Option<long?> MapScale { get; } = OptionParsing.OptionalInteger("--map-scale",
        $"The MS-SSIM scale whose map is written, 1 to {MsSsimMetric.Weights.Length} (cs at 1-4, ssim at the last; default 1)", 1, MsSsimMetric.Weights.Length);

    public Option<long?> Regions { get; } = OptionParsing.OptionalInteger("--regions",
        $"Segment the reference into about K SLIC superpixels (1 to {MaxRegions:N0}) and score each metric per region", 1, MaxRegions);

    public Option<long> Worst { get; } = OptionParsing.Integer("--worst", "Regions reported per metric, worst first, 1 to 1000 (default 5)", 1, 1000, 5);

    public Option<string?> Overlay { get; } = PathOption("--overlay", "Write the reference with the worst regions outlined and numbered: .png (one per metric, named as --map's)", ".png");

    public Option<string?> MapsDirectory { get; } = new("--maps")
    {
        Description = "Write every item's quality map per metric as a PNG into this folder: ID.METRIC.png, or the distorted file's relative path with .METRIC.png",
    };

    /// <summary>What the command asked for, or null when it asked for neither maps nor regions.</summary>
    /// <param name="maps">Whether the command writes maps (then --map-scale applies).</param>
    public AnalysisOptions? Analysis(ParseResult parse, IReadOnlyList<MetricDescriptor> metrics, bool maps)
    {
        long? scale = parse.GetValue(MapScale);
        if (scale is not null && !metrics.Any(m => m.Name == MsSsimMetric.Info.Name))
            throw new IqaException("--map-scale chooses the MS-SSIM map: select ms_ssim");
        long? regions = parse.GetValue(Regions);
        if (regions is null && parse.GetValue(Overlay) is not null)
            throw new IqaException("--overlay outlines the worst regions: give --regions K");
        if (!maps && regions is null)
            return null;
        return new AnalysisOptions
        {
            MapScale = (int)(scale ?? 1),
            Regions = regions is { } k ? new SlicParameters { Segments = (int)k } : null,
        };
    }

    /// <summary>The scorer's analysis for these options (null for none), handing each pair's analysis to <paramref name="completed"/>.</summary>
    public static Func<MetricContext, IPairAnalysis>? Factory(AnalysisOptions? options, IReadOnlyList<MetricDescriptor> metrics, Action<PairAnalysis>? completed) =>
        options is null ? null : context => new QualityAnalysis(context, metrics, options, completed);

    private static Option<string?> PathOption(string name, string description, params string[] extensions) =>
        OptionParsing.Create<string?>(name, description, text =>
            extensions.Contains(Path.GetExtension(text).ToLowerInvariant()) && Path.GetFileNameWithoutExtension(text).Length > 0
                ? text
                : throw new IqaException($"invalid {name} '{text}' (a {string.Join(" or ", extensions)} file)"));
}
