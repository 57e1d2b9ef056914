namespace Iqa.Gpu.Outputs;

public enum OutputFormat
{
    Table,
    Csv,
    Json,
}

public static class OutputFormats
{
    public static OutputFormat Parse(string text) => text.ToLowerInvariant() switch
    {
        "table" => OutputFormat.Table,
        "csv" => OutputFormat.Csv,
        "json" => OutputFormat.Json,
        _ => throw new IqaException($"unknown format '{text}' (table, csv, json)"),
    };
}
