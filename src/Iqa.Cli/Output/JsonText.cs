using System.Text;
using System.Text.Json;
using Iqa.Gpu.Scoring;

namespace Iqa.Cli.Output;

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

    /// <summary>
    /// What produced the numbers, stamped on every output: profile, effective settings, device kind and device, and
    /// <c>computed_on</c> for the metrics that ran elsewhere (ONNX Runtime).
    /// </summary>
    public static void WriteProvenance(Utf8JsonWriter json, Provenance provenance)
    {
        json.WriteString("profile", provenance.Profile);
        json.WriteStartObject("settings");
        foreach (var (key, value) in provenance.Settings)
            json.WriteString(key, value);
        json.WriteEndObject();
        json.WriteString("accelerator", provenance.Accelerator);
        json.WriteString("device", provenance.Device);
        if (provenance.ComputedOn.Count > 0)
        {
            json.WriteStartObject("computed_on");
            foreach (var (metric, where) in provenance.ComputedOn)
                json.WriteString(metric, where);
            json.WriteEndObject();
        }
    }
}
