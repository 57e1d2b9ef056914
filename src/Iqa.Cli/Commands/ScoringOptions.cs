using System.CommandLine;
using Iqa.Gpu;
using Iqa.Gpu.Backends;
using Iqa.Gpu.Images;
using Iqa.Gpu.Metrics;
using Iqa.Gpu.Outputs;

namespace Iqa.Cli.Commands;

/// <summary>The options every scoring command shares: metrics, conventions, backend and input guards.</summary>
public sealed class ScoringOptions
{
    public Option<string> Metric { get; } = new("--metric", "-m")
    {
        Description = "Comma-separated metrics (see 'iqa metrics')",
        DefaultValueFactory = _ => "ssim,psnr",
    };

    public Option<string> Profile { get; } = new("--profile")
    {
        Description = $"Named conventions: {string.Join(", ", Profiles.Names)} (default {Profiles.Default}); later options override it",
    };

    public Option<string> Color { get; } = new("--color")
    {
        Description = "gray (MATLAB rgb2gray, rounded), y (BT.601 studio luma, unrounded), luma (0.299/0.587/0.114, rounded half-even), rgb (per channel)",
    };

    public Option<string> Downsample { get; } = new("--downsample")
    {
        Description = "SSIM downsampling: auto (Wang's ssim.m), none, or a factor N",
    };

    public Option<double?> DataRange { get; } = new("--data-range")
    {
        Description = "Data range L (default: 255 for 8-bit, 65535 for 16-bit input)",
    };

    public Option<string> Accelerator { get; } = new("--accelerator", "-a")
    {
        Description = $"Compute backend: {string.Join(", ", BackendFactory.Names)}",
        DefaultValueFactory = _ => "auto",
    };

    public Option<long> MaxPixels { get; } = new("--max-pixels")
    {
        Description = "Refuse images with more pixels than this (decompression-bomb guard)",
        DefaultValueFactory = _ => ImageDecoder.DefaultMaxPixels,
    };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Metric option METRIC.NAME=VALUE (repeatable; see 'iqa metrics')",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string?> Model { get; } = new("--model")
    {
        Description = "ONNX model for the selected deep metric that bundles none (dists, lpips-vgg); same as --set METRIC.model=PATH",
    };

    public Option<string?> NiqeModel { get; } = new("--niqe-model")
    {
        Description = "NIQE pristine model JSON from 'iqa niqe-fit' (same as --set niqe.model=PATH)",
    };

    public Option<string> Format { get; } = new("--format", "-f")
    {
        Description = "Output format: table, csv, json",
        DefaultValueFactory = _ => "table",
    };

    /// <param name="format">Whether the command prints a result in a chosen format (batch writes rows of its own).</param>
    public void AddTo(Command command, bool format = true)
    {
        foreach (var option in new Option[] { Metric, Profile, Color, Downsample, DataRange, Set, Model, NiqeModel, Accelerator, MaxPixels })
            command.Options.Add(option);
        if (format)
            command.Options.Add(Format);
    }

    public ScoreSettings Settings(ParseResult parse)
    {
        string? color = parse.GetValue(Color), downsample = parse.GetValue(Downsample);
        var settings = Profiles.Resolve(parse.GetValue(Profile),
            color is null ? null : ColorModeNames.Parse(color),
            downsample is null ? null : Iqa.Gpu.Metrics.Downsample.Parse(downsample),
            parse.GetValue(DataRange));
        var options = new Dictionary<string, string>();
        foreach (var item in parse.GetValue(Set) ?? [])
        {
            int eq = item.IndexOf('=');
            if (eq <= 0)
                throw new IqaException($"invalid --set '{item}' (METRIC.NAME=VALUE)");
            options[item[..eq].Trim().ToLowerInvariant()] = item[(eq + 1)..].Trim();
        }
        if (parse.GetValue(Model) is { } model)
        {
            // The metrics that must be given a model; failing those, any selected metric that takes one.
            var takers = Metrics(parse).Where(m => m.Options.Any(o => o.Name == "model")).ToList();
            var required = takers.Where(m => m.Options.Any(o => o is { Name: "model", Default: "required" })).ToList();
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

    public IReadOnlyList<MetricDescriptor> Metrics(ParseResult parse) => MetricRegistry.Parse(parse.GetValue(Metric)!);

    public OutputFormat OutputFormat(ParseResult parse) => OutputFormats.Parse(parse.GetValue(Format)!);

    public IComputeBackend CreateBackend(ParseResult parse) => BackendFactory.Create(parse.GetValue(Accelerator)!);
}
