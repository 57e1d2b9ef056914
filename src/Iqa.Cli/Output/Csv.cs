namespace Iqa.Cli.Output;

/// <summary>RFC 4180 field quoting.</summary>
public static class Csv
{
    public static string Escape(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
