using System.Text;
using System.Text.Json;
using Iqa.Gpu.Metrics;

namespace Iqa.Gpu.Outputs;

/// <summary>The JSON building blocks every output shares.</summary>
public static class JsonText
{
    /// <summary>One JSON text written by <paramref name="write"/>.</summary>
    public static string Build(Action<Utf8JsonWriter> write, bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
            write(json);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>What produced the numbers, stamped on every output: profile, effective settings, accelerator.</summary>
    public static void WriteProvenance(Utf8JsonWriter json, ScoreSettings settings,
        IReadOnlyList<KeyValuePair<string, string>> effective, string accelerator)
    {
        json.WriteString("profile", settings.Profile);
        json.WriteStartObject("settings");
        foreach (var (key, value) in effective)
            json.WriteString(key, value);
        json.WriteEndObject();
        json.WriteString("accelerator", accelerator);
    }
}
