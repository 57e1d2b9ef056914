using System.CommandLine;
using System.Globalization;
using Iqa.Gpu;
using Iqa.Gpu.Devices;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Metrics.Ssim;
using Iqa.Cli.Output;

namespace Iqa.Cli.Commands;

/// <summary>The options every scoring command shares: metrics, conventions, device and input guards, all typed.</summary>
public sealed class ScoringOptions
{
    public Option<IReadOnlyList<MetricDescriptor>> Metric { get; } = WithCompletions(
        OptionParsing.Create("--metric", "Comma-separated metrics (see 'iqa metrics')", MetricRegistry.Parse, "-m"),
        MetricRegistry.All.Select(m => m.Name));

    public Option<string?> Profile { get; } = WithCompletions(
        OptionParsing.Create<string?>("--profile",
            $"Named conventions: {string.Join(", ", Profiles.Names)} (default {Profiles.Default}); later options override it", Profiles.Find),
        Profiles.Names);

    public Option<ColorMode?> Color { get; } = WithCompletions(
        OptionParsing.Create<ColorMode?>("--color",
            "gray (MATLAB rgb2gray, rounded), y (BT.601 studio luma, unrounded), luma (0.299/0.587/0.114, rounded half-even), rgb (per channel)",
            text => ColorModeNames.Parse(text)),
        ["gray", "y", "luma", "rgb"]);

    public Option<Downsample?> Downsample { get; } = OptionParsing.Create<Downsample?>("--downsample",
        "SSIM downsampling: auto (Wang's ssim.m), none, or a factor N", text => Gpu.Metrics.Ssim.Downsample.Parse(text));

    public Option<double?> DataRange { get; } = OptionParsing.Create<double?>("--data-range",
        "Data range L, 1 to 2^32 (default: 255 for 8-bit, 65535 for 16-bit input)", text => ParseDataRange(text));

    public Option<string> Accelerator { get; } = WithCompletions(new Option<string>("--accelerator", "-a")
    {
        Description = $"Compute device: {string.Join(", ", DeviceFactory.Names)}; cuda:N or opencl:N picks one of several",
        DefaultValueFactory = _ => "auto",
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "auto";
            try
            {
                DeviceFactory.ParseName(text);
            }
            catch (IqaException e)
            {
                result.AddError(e.Message);
            }
            return text;
        },
    }, DeviceFactory.Names);

    public Option<long> MaxPixels { get; } = OptionParsing.Integer("--max-pixels",
        "Refuse images with more pixels than this (decompression-bomb guard)", 1, ImageDecoder.LargestMaxPixels, ImageDecoder.DefaultMaxPixels);

    public Option<KeyValuePair<string, string>[]> Set { get; } = new("--set")
    {
        Description = "Metric option METRIC.NAME=VALUE (repeatable; see 'iqa metrics')",
        Arity = ArgumentArity.ZeroOrMore,
        CustomParser = result =>
        {
            var pairs = new List<KeyValuePair<string, string>>();
            foreach (var token in result.Tokens)
            {
                int eq = token.Value.IndexOf('=');
                int dot = token.Value.IndexOf('.');
                if (eq <= 0 || dot <= 0 || dot > eq)
                {
                    result.AddError($"invalid --set '{token.Value}' (METRIC.NAME=VALUE, e.g. ms_ssim.small=fewer)");
                    return [];
                }
                pairs.Add(new(token.Value[..eq].Trim().ToLowerInvariant(), token.Value[(eq + 1)..].Trim()));
            }
            return [.. pairs];
        },
    };

    public Option<string?> Model { get; } = new("--model")
    {
        Description = "ONNX model for the selected deep metric that bundles none (dists, lpips-vgg); same as --set METRIC.model=PATH",
    };

    public Option<string?> NiqeModel { get; } = new("--niqe-model")
    {
        Description = "NIQE pristine model JSON from 'iqa niqe-fit' (same as --set niqe.model=PATH)",
    };

    public Option<OutputFormat> Format { get; } = WithCompletions(new Option<OutputFormat>("--format", "-f")
    {
        Description = "Output format: table, csv, json",
        DefaultValueFactory = _ => OutputFormat.Table,
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "table";
            try
            {
                return OutputFormats.Parse(text);
            }
            catch (IqaException e)
            {
                result.AddError(e.Message);
                return OutputFormat.Table;
            }
        },
    }, ["table", "csv", "json"]);

    /// <param name="format">Whether the command prints a result in a chosen format (batch writes rows of its own).</param>
    public void AddTo(Command command, bool format = true)
    {
        Metric.DefaultValueFactory = _ => MetricRegistry.Parse("ssim,psnr");
        foreach (var option in new Option[] { Metric, Profile, Color, Downsample, DataRange, Set, Model, NiqeModel, Accelerator, MaxPixels })
            command.Options.Add(option);
        if (format)
            command.Options.Add(Format);
    }

    public ScoreSettings Settings(ParseResult parse)
    {
        var settings = Profiles.Resolve(parse.GetValue(Profile), parse.GetValue(Color), parse.GetValue(Downsample), parse.GetValue(DataRange));
        var options = new Dictionary<string, string>();
        foreach (var (key, value) in parse.GetValue(Set) ?? [])
            options[key] = value;
        if (parse.GetValue(Model) is { } model)
        {
            // The metrics that must be given a model; failing those, any selected metric that takes one.
            var takers = Metrics(parse).Where(m => m.Options.Any(o => o.Name == "model")).ToList();
            var required = takers.Where(m => m.Options.Any(o => o is { Name: "model", DefaultText: "required" })).ToList();
            var targets = required.Count > 0 ? required : takers;
            if (targets.Count == 0)
                throw new IqaException("--model applies to deep metrics (lpips, lpips-squeeze, lpips-vgg, dists); none is selected");
            foreach (var m in targets)
                options[$"{m.Name}.model"] = model;
        }
        if (parse.GetValue(NiqeModel) is { } niqeModel)
            options["niqe.model"] = niqeModel;
        return settings with { Options = options };
    }

    public IReadOnlyList<MetricDescriptor> Metrics(ParseResult parse) => parse.GetValue(Metric)!;

    public IComputeDevice CreateDevice(ParseResult parse) => DeviceFactory.Create(parse.GetValue(Accelerator)!);

    private static double ParseDataRange(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? ScoreSettings.CheckDataRange(value)
            : throw new IqaException($"invalid data range '{text}' (a number from {ScoreSettings.MinDataRange} to 2^32)");

    private static Option<T> WithCompletions<T>(Option<T> option, IEnumerable<string> values)
    {
        option.CompletionSources.Add([.. values]);
        return option;
    }
}
