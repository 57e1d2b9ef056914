using Iqa.Gpu;

namespace Iqa.Cli.Output;

public enum OutputFormat
{
    Table,
    Csv,
    Json,
}

public static class OutputFormats
{
    public static OutputFormat Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "table" => OutputFormat.Table,
        "csv" => OutputFormat.Csv,
        "json" => OutputFormat.Json,
        _ => throw new IqaException($"unknown format '{text}' (table, csv, json)"),
    };

    /// <summary>The formatter that writes results in <paramref name="format"/>.</summary>
    public static IResultFormatter Formatter(this OutputFormat format) => format switch
    {
        OutputFormat.Json => JsonFormatter.Instance,
        OutputFormat.Csv => CsvFormatter.Instance,
        _ => TableFormatter.Instance,
    };
}
